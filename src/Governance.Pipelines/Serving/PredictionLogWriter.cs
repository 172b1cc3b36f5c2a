using System.Text.Json;
using Governance.Data;
using Governance.Domain.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.Serving;

/// <summary>
/// Drains <see cref="PredictionLog"/> in batches of up to <see cref="ServingOptions.LogBatchSize"/> rows, one
/// insert transaction per batch: redacts the text (kept only when the policy allowed it), computes the drift
/// features and writes. A failed batch is dropped and counted (write_failed) rather than retried, so a
/// broken database cannot grow memory; on shutdown it writes what is still queued.
/// </summary>
public sealed partial class PredictionLogWriter(PredictionLog log, IServiceScopeFactory scopes, ServingOptions options, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingPrediction>(options.LogBatchSize);
        try
        {
            while (await log.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: write what is left below.
        }
        await DrainAsync(batch, CancellationToken.None);
    }

    private async Task DrainAsync(List<PendingPrediction> batch, CancellationToken ct)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < options.LogBatchSize && log.Reader.TryRead(out var p))
            {
                batch.Add(p);
            }
            if (batch.Count == 0)
            {
                return;
            }
            await WriteAsync(batch, ct);
        }
    }

    /// <summary>Writes one batch; exposed for tests that drive the writer without a host.</summary>
    internal async Task WriteAsync(IReadOnlyList<PendingPrediction> batch, CancellationToken ct)
    {
        try
        {
            var rows = batch.Select(ToRecord).ToList();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            db.Predictions.AddRange(rows);
            await db.SaveChangesAsync(ct);
            log.CountWritten(rows.Count);
        }
#pragma warning disable CA1031 // any failure of a log write (database down, constraint) must not stop the writer: counted and logged
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.CountDropped("write_failed", batch.Count);
            LogWriteFailed(logger, batch.Count, ex);
        }
        finally
        {
            log.Done(batch.Count);
        }
    }

    internal static PredictionRecord ToRecord(PendingPrediction p)
    {
        var redacted = Redactor.Redact(p.Text);
        var (features, tokens, nonAscii) = DriftFeatures.Of(redacted);
        var probabilities = JsonSerializer.Serialize(p.Probabilities.Select(x => Math.Round((double)x, 6)).ToArray());
        return PredictionRecord.Create(p.Id, p.ModelId, p.VersionId, p.VersionNumber, p.At, p.Label, Math.Round(p.Probabilities[p.Label], 6),
            probabilities, features, tokens, nonAscii, p.KeepText ? redacted : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Rows} prediction-log rows: the write failed.")]
    private static partial void LogWriteFailed(ILogger logger, int rows, Exception exception);
}
