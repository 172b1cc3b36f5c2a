namespace Governance.Data.Audit;

/// <summary>
/// Filters for the audit page and exports. Pages run newest first by sequence: <see cref="Before"/>
/// asks for the page of older events below a sequence, <see cref="After"/> for the newer page above one.
/// </summary>
public sealed record AuditQuery
{
    public const int MaxPageSize = 500;

    public DateTimeOffset? From { get; init; }
    /// <summary>Exclusive upper bound of the time range.</summary>
    public DateTimeOffset? To { get; init; }
    /// <summary>Exact actor as recorded, e.g. "user:alice".</summary>
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? SubjectType { get; init; }
    public string? SubjectId { get; init; }
    /// <summary>
    /// A subject and everything under it: matches a subject id equal to this or starting with it and
    /// '/', e.g. "spam-triage" matches "spam-triage" and "spam-triage/3" (a model and its versions).
    /// Combine with <see cref="SubjectTypes"/> to keep same-named subjects of other kinds out. Events of the
    /// model's or version's approval requests (subject <c>approval-request:{id}</c>) match too.
    /// </summary>
    public string? SubjectPrefix { get; init; }
    /// <summary>Any of these subject types (empty or null: any type).</summary>
    public IReadOnlyList<string>? SubjectTypes { get; init; }
    /// <summary>Return events with a sequence below this one (the next, older page).</summary>
    public long? Before { get; init; }
    /// <summary>Return events with a sequence above this one (the previous, newer page).</summary>
    public long? After { get; init; }
    /// <summary>1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;
}
