using System.Globalization;
using System.Text.Json;
using System.Text;
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
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync("sequence,occurredAt,actor,action,subjectType,subjectId,payload,previousHash,hash\r\n");
        var line = new StringBuilder();
        var rows = 0;
        await foreach (var e in events.WithCancellation(ct))
        {
            line.Clear()
                .Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append(',');
            AppendField(line, e.Actor).Append(',');
            AppendField(line, e.Action).Append(',');
            AppendField(line, e.SubjectType).Append(',');
            AppendField(line, e.SubjectId).Append(',');
            AppendField(line, e.Payload).Append(',');
            line.Append(e.PreviousHash).Append(',').Append(e.Hash).Append("\r\n");
            await writer.WriteAsync(line, ct);
            if (++rows % 1000 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static StringBuilder AppendField(StringBuilder line, string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? line.Append(value)
            : line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');

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
