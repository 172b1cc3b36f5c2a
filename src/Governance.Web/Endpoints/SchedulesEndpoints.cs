using System.Security.Claims;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/models/{name}/schedules: a model's cron schedules in words with next fire times; set one.</summary>
internal static class SchedulesEndpoints
{
    public static RouteGroupBuilder MapSchedules(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/models/{name}/schedules").WithTags("Schedules");
        schedules.MapGet("/", List).RequireAuthorization(Policies.CanRead)
            .WithDescription("The model's schedules: cron, time zone, enabled, the cron in words and the next fire times.");
        schedules.MapPut("/{kind}", Set).RequireAuthorization(Policies.CanEditRegistry)
            .WithDescription("Sets the schedule of a job kind (Retrain, Evaluate, DriftCheck): a Quartz cron (6 or 7 fields), an IANA or Windows time zone, enabled. 400 names what is wrong with the cron or zone.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ScheduleDescription>>> List(string name, Schedules schedules, LoopReads reads, CancellationToken ct)
    {
        await reads.RequireModelAsync(name, ct);
        var list = await schedules.ListAsync(name, ct);
        IReadOnlyList<ScheduleDescription> described = list
            .Select(s => schedules.Describe(s.ModelName, Enum.Parse<JobKind>(s.Kind), s.Cron, s.TimeZoneId, s.Enabled))
            .ToList();
        return TypedResults.Ok(described);
    }

    private static async Task<Ok<ScheduleDescription>> Set(string name, string kind, ScheduleChange body, Schedules schedules, ClaimsPrincipal user, CancellationToken ct)
    {
        body = ApiInput.Require(body);
        var jobKind = JobsEndpoints.KindOf(kind, "kind");
        if (string.IsNullOrWhiteSpace(body.Cron))
        {
            throw Domain.DomainException.Invalid("Field 'cron' is required, for example \"0 0 3 1 * ?\" (03:00 on the 1st).");
        }
        var saved = await schedules.SetAsync(name, jobKind, body.Cron, body.TimeZone ?? "UTC", body.Enabled ?? true, user.ToActor(), ct);
        return TypedResults.Ok(schedules.Describe(saved.ModelName, jobKind, saved.Cron, saved.TimeZoneId, saved.Enabled));
    }
}

/// <summary>Body of a schedule change; time zone defaults to UTC, enabled to true.</summary>
internal sealed record ScheduleChange(string? Cron, string? TimeZone, bool? Enabled);
