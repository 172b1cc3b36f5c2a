namespace Governance.Web.Components.Pages.Jobs;

/// <summary>
/// Names of the jobs pages' forms. They are fixed (the model, kind or run travels in the posted fields
/// or the route), so each page can declare them with <c>[FormPolicy]</c> and a Viewer's crafted post is 403.
/// </summary>
public static class JobsForms
{
    /// <summary>Run a model's job now; the button posts <c>Run=model|Kind</c>.</summary>
    public const string RunNow = "run-now";

    /// <summary>Set a schedule: <c>Schedule.Model</c>, <c>Schedule.Kind</c>, <c>Schedule.Cron</c>, <c>Schedule.TimeZone</c>, <c>Schedule.Enabled</c>.</summary>
    public const string EditSchedule = "edit-schedule";

    /// <summary>Cancel the run of the page.</summary>
    public const string CancelRun = "cancel-run";

    /// <summary>Retry the (failed or cancelled) run of the page.</summary>
    public const string RetryRun = "retry-run";

    /// <summary>Maps a refusal of the services to the page's status code.</summary>
    public static int StatusOf(Domain.DomainException e) => e?.Kind switch
    {
        Domain.DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        Domain.DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        Domain.DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };
}
