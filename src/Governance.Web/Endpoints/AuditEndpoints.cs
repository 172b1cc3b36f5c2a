using System.Security.Claims;
using Governance.Data.Audit;
using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/audit: query the trail (filters + keyset cursor), verify the chain, export the filtered set.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.CanReviewAudit);
        audit.MapGet("/", Query);
        audit.MapGet("/verify", Verify);
        audit.MapGet("/export", Export);
        return api;
    }

    private static async Task<Ok<AuditPage>> Query([AsParameters] AuditFilter filter, AuditTrail trail, CancellationToken ct) =>
        TypedResults.Ok(await trail.QueryAsync(filter.ToQuery(), ct));

    private static async Task<Ok<ChainVerification>> Verify(AuditTrail trail, CancellationToken ct) =>
        TypedResults.Ok(await trail.VerifyAsync(ct));

    /// <summary>
    /// Records the export first (audit.exported, with the filters and format), then streams every matching
    /// event older than that record, so the export is itself on the trail and reproducible.
    /// </summary>
    private static async Task<AuditExportResult> Export(
        [AsParameters] AuditFilter filter, string? format, AuditTrail trail, ClaimsPrincipal user, CancellationToken ct)
    {
        var kind = (format ?? "csv").ToLowerInvariant() switch
        {
            "csv" => AuditExportFormat.Csv,
            "json" => AuditExportFormat.Json,
            _ => throw DomainException.Invalid($"Field 'format' must be 'csv' or 'json', not '{format}'."),
        };
        var query = filter.ToQuery() with { PageSize = AuditQuery.MaxPageSize };
        var recorded = await trail.RecordAsync(new AuditEntry(user.ToActor(), AuditActions.AuditExported, "audit", kind.ToString().ToLowerInvariant(),
            Data.Registry.AuditPayload.Of(new { format = kind, filter = query with { PageSize = 0 } })), ct);
        var before = query.Before is { } b ? Math.Min(b, recorded.Sequence) : recorded.Sequence;
        return new AuditExportResult(trail.StreamAsync(query with { Before = before }, ct), kind, recorded.OccurredAt);
    }
}

/// <summary>Query-string filters shared by the audit query and export.</summary>
internal sealed record AuditFilter(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Actor,
    string? Action,
    string? SubjectType,
    string? SubjectId,
    string? SubjectPrefix,
    string? SubjectTypes,
    long? Before,
    long? After,
    int? PageSize)
{
    public AuditQuery ToQuery() => new()
    {
        From = From,
        To = To,
        Actor = Actor,
        Action = Action,
        SubjectType = SubjectType,
        SubjectId = SubjectId,
        // "spam-triage" with subjectTypes "model,model-version": a model and all its versions.
        SubjectPrefix = string.IsNullOrWhiteSpace(SubjectPrefix) ? null : SubjectPrefix.Trim(),
        SubjectTypes = string.IsNullOrWhiteSpace(SubjectTypes) ? null
            : SubjectTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Before = Before,
        After = After,
        PageSize = PageSize ?? 50,
    };
}
