using Governance.Domain.Jobs;

namespace Governance.Pipelines.Scheduling;

/// <summary>Filter and keyset for listing runs, newest first; <see cref="CreatedBefore"/> is the previous page's <see cref="JobRunPage.NextCreatedBefore"/>.</summary>
public sealed record JobRunQuery(
    string? ModelName = null,
    string? Kind = null,
    JobRunStatus? Status = null,
    DateTimeOffset? CreatedBefore = null,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;
}

/// <summary>One page of runs; <see cref="NextCreatedBefore"/> is null on the last page.</summary>
public sealed record JobRunPage(IReadOnlyList<JobRun> Runs, DateTimeOffset? NextCreatedBefore);
