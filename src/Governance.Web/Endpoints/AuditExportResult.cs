using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Governance.Domain.Audit;

namespace Governance.Web.Endpoints;

/// <summary>The formats the audit trail exports to.</summary>
internal enum AuditExportFormat
{
    Csv,
    Json,
}

/// <summary>
/// Streams events to the response as they are read (batch by batch), so exporting a million events
/// never holds them all in memory. Columns/properties: sequence, occurredAt (ISO 8601 UTC), actor, action,
/// subjectType, subjectId, payload (the JSON text as hashed), previousHash, hash; enough to re-verify the chain.
/// </summary>
internal sealed class AuditExportResult(IAsyncEnumerable<AuditEvent> events, AuditExportFormat format, DateTimeOffset exportedAt) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var stamp = exportedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var extension = format == AuditExportFormat.Csv ? "csv" : "json";
        response.ContentType = format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"audit-{stamp}.{extension}\"";
        var ct = httpContext.RequestAborted;
        if (format == AuditExportFormat.Csv)
        {
            await WriteCsvAsync(response.Body, ct);
        }
        else
        {
            await WriteJsonAsync(response.Body, ct);
        }
    }

    private async Task WriteCsvAsync(Stream body, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "sequence", "occurredAt", "actor", "action", "subjectType", "subjectId", "payload", "previousHash", "hash" })
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        var rows = 0;
        await foreach (var e in events.WithCancellation(ct))
        {
            csv.WriteField(e.Sequence);
            csv.WriteField(e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(e.Actor);
            csv.WriteField(e.Action);
            csv.WriteField(e.SubjectType);
            csv.WriteField(e.SubjectId);
            csv.WriteField(e.Payload);
            csv.WriteField(e.PreviousHash);
            csv.WriteField(e.Hash);
            await csv.NextRecordAsync();
            if (++rows % 1000 == 0)
            {
                await csv.FlushAsync();
            }
        }
        await csv.FlushAsync();
    }

    private async Task WriteJsonAsync(Stream body, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartArray();
        await foreach (var e in events.WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("occurredAt", e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("actor", e.Actor);
            json.WriteString("action", e.Action);
            json.WriteString("subjectType", e.SubjectType);
            json.WriteString("subjectId", e.SubjectId);
            json.WriteString("payload", e.Payload);
            json.WriteString("previousHash", e.PreviousHash);
            json.WriteString("hash", e.Hash);
            json.WriteEndObject();
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(ct);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(ct);
    }
}
