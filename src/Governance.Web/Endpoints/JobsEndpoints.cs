using System.Security.Claims;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1 runs: run a model's job now, list and read runs, their logs, cancel and retry.</summary>
internal static class JobsEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/").WithTags("Job runs");
        jobs.MapPost("/models/{name}/runs", RunNow).RequireAuthorization(Policies.CanEditRegistry)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Run a model's job now (kind Retrain, Evaluate or DriftCheck). 409 while a run of the same kind for the model is queued or running.");
        jobs.MapGet("/runs", List).RequireAuthorization(Policies.CanRead)
            .WithDescription("Runs, newest first, filtered by model, kind and status; pass the page's nextCreatedBefore as createdBefore for the next page.");
        jobs.MapGet("/runs/{id:guid}", Get).RequireAuthorization(Policies.CanRead).WithName("GetJobRun");
        jobs.MapGet("/runs/{id:guid}/logs", Logs).RequireAuthorization(Policies.CanRead)
            .WithDescription("Log lines after sequence 'after' (default 0), oldest first.");
        jobs.MapPost("/runs/{id:guid}/cancel", Cancel).RequireAuthorization(Policies.CanEditRegistry)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Cancels a queued run at once; a running one stops at its next check.");
        jobs.MapPost("/runs/{id:guid}/retry", Retry).RequireAuthorization(Policies.CanEditRegistry)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Starts a new run with the kind, model and parameters of a failed or cancelled one.");
        return api;
    }

    private static async Task<CreatedAtRoute<JobRun>> RunNow(string name, RunRequest body, JobRuns runs, ClaimsPrincipal user, CancellationToken ct)
    {
        body = ApiInput.Require(body);
        var kind = KindOf(body.Kind, "kind");
        var run = await runs.StartAsync(kind, name, JobRunTrigger.Manual, Initiator(user), body.Parameters, ct: ct);
        return TypedResults.CreatedAtRoute(run, "GetJobRun", new { id = run.Id });
    }

    private static async Task<Ok<JobRunPage>> List(
        JobRuns runs, string? model, string? kind, JobRunStatus? status, DateTimeOffset? createdBefore, int? pageSize, CancellationToken ct)
    {
        var kindName = kind is null ? null : KindOf(kind, "kind").ToString();
        return TypedResults.Ok(await runs.ListAsync(new JobRunQuery(model, kindName, status, createdBefore, pageSize ?? 50), ct));
    }

    private static async Task<Ok<JobRun>> Get(Guid id, JobRuns runs, CancellationToken ct) =>
        TypedResults.Ok(await runs.GetAsync(id, ct) ?? throw DomainException.NotFound($"Run {id} does not exist."));

    private static async Task<Ok<IReadOnlyList<JobRunLog>>> Logs(Guid id, int? after, int? max, JobRuns runs, CancellationToken ct)
    {
        _ = await runs.GetAsync(id, ct) ?? throw DomainException.NotFound($"Run {id} does not exist.");
        return TypedResults.Ok(await runs.LogsAsync(id, after ?? 0, max ?? 1000, ct));
    }

    private static async Task<Ok<JobRun>> Cancel(Guid id, JobRuns runs, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await runs.CancelAsync(id, user.ToActor(), ct));

    private static async Task<CreatedAtRoute<JobRun>> Retry(Guid id, JobRuns runs, ClaimsPrincipal user, CancellationToken ct)
    {
        var run = await runs.RetryAsync(id, Initiator(user), ct);
        return TypedResults.CreatedAtRoute(run, "GetJobRun", new { id = run.Id });
    }

    /// <summary>
    /// The run's initiator is the person: a token starts runs on behalf of its owner, so the four-eyes rule
    /// (the initiator may not approve the candidate) binds the owner, not the token's name.
    /// </summary>
    private static Actor Initiator(ClaimsPrincipal user) => Actor.User(user.UserName());

    /// <summary>The per-model job kinds a user may start or schedule.</summary>
    public static JobKind KindOf(string? text, string field) =>
        Enum.TryParse<JobKind>(text, ignoreCase: true, out var kind) && kind is JobKind.Retrain or JobKind.Evaluate or JobKind.DriftCheck
            && !int.TryParse(text, out _)
            ? kind
            : throw DomainException.Invalid($"Field '{field}' must be Retrain, Evaluate or DriftCheck, not '{text}'.");
}

/// <summary>Body of a run-now request: the job kind and optional string parameters.</summary>
internal sealed record RunRequest(string? Kind, Dictionary<string, string>? Parameters);
