using System.Collections.Concurrent;
using Governance.Data;
using Governance.Data.Artifacts;
using Governance.Domain;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.Serving;

/// <summary>
/// The loaded production version of each served model (singleton). A request reads the model's
/// <see cref="ServingState"/> with one volatile load; at most every
/// <see cref="ServingOptions.ProductionCheckInterval"/> it asks the database which version is in
/// production. When the alias moved (promotion, rollback), the new version is loaded under the model's
/// lock (one load, however many requests notice) and published with one atomic reference swap, so a
/// request sees either the old or the new version, never a half-loaded one. Requests that started on
/// the old version finish on it; it is collected when the last of them is done.
/// </summary>
public sealed partial class ProductionModels(IServiceScopeFactory scopes, ArtifactStore artifacts, LoopOptions loop, ServingOptions options,
    TimeProvider time, ILogger<ProductionModels> logger)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>The production version to answer with.</summary>
    /// <exception cref="DomainException">NotFound: no such model; Conflict: it has no production version (or it has no artifact).</exception>
    public async ValueTask<ServingState> GetAsync(string modelName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        var slot = _slots.GetOrAdd(modelName, static _ => new Slot());
        var state = Volatile.Read(ref slot.State);
        var now = time.GetUtcNow();
        if (state is not null && now - state.CheckedAt < options.ProductionCheckInterval)
        {
            return state;
        }
        var head = await ReadHeadAsync(modelName, ct);
        if (state is not null && state.Model.VersionId == head.VersionId)
        {
            var refreshed = state with { LogSampleRate = head.Policy.LogSampleRate, StoreRawText = head.Policy.StoreRawText, CheckedAt = now };
            // Only replaces what we read: a newer version published meanwhile stays.
            return Interlocked.CompareExchange(ref slot.State, refreshed, state) == state ? refreshed : Volatile.Read(ref slot.State)!;
        }
        await slot.Gate.WaitAsync(ct);
        try
        {
            // Ask again under the lock: another request may have loaded a newer version since our read.
            head = await ReadHeadAsync(modelName, ct);
            state = Volatile.Read(ref slot.State);
            if (state is not null && state.Model.VersionId == head.VersionId)
            {
                return state;
            }
            var model = await Task.Run(() => Load(head), ct);
            var next = new ServingState(model, head.Policy.LogSampleRate, head.Policy.StoreRawText, time.GetUtcNow());
            Interlocked.Exchange(ref slot.State, next);
            LogLoaded(logger, modelName, head.Number, state?.Model.Number);
            return next;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private async Task<Head> ReadHeadAsync(string modelName, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var modelId = await db.Models.AsNoTracking().Where(m => m.Name == modelName).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound($"Model '{modelName}' does not exist.");
        var version = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == modelId && v.Stage == ModelStage.Production)
            .Select(v => new { v.Id, v.Number, v.ArtifactHash }).FirstOrDefaultAsync(ct)
            ?? throw DomainException.Conflict($"Model '{modelName}' has no production version to answer with; promote one first.");
        if (version.ArtifactHash is null)
        {
            throw DomainException.Conflict($"Production version {version.Number} of '{modelName}' has no artifact to load.");
        }
        var policyRow = await db.ReleasePolicies.AsNoTracking().Where(p => p.ModelId == modelId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        return new Head(modelId, version.Id, version.Number, version.ArtifactHash, policyRow?.ToPolicy() ?? ReleasePolicy.Default);
    }

    private ServedModel Load(Head head)
    {
        Directory.CreateDirectory(loop.WorkDirectory);
        using var stream = artifacts.OpenRead(head.ArtifactHash);
        var package = ModelPackage.FromZip(stream, loop.WorkDirectory);
        return new ServedModel(head.ModelId, head.VersionId, head.Number, head.ArtifactHash, package);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {Model} version {Version} (was {Previous}).")]
    private static partial void LogLoaded(ILogger logger, string model, int version, int? previous);

    private sealed record Head(Guid ModelId, Guid VersionId, int Number, string ArtifactHash, ReleasePolicy Policy);

    private sealed class Slot
    {
        public ServingState? State;
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
