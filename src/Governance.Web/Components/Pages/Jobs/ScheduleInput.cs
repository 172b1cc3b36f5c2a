namespace Governance.Web.Components.Pages.Jobs;

/// <summary>The schedule form as posted; the service validates cron and zone and names what is wrong.</summary>
public sealed class ScheduleInput
{
    public string? Model { get; set; }
    public string? Kind { get; set; }
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public bool Enabled { get; set; }
}
