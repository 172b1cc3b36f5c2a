using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/jobs: the schedules (cron in words, zone, next fire times) with Run now and Edit for those allowed, and the runs.</summary>
internal sealed class JobsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Schedules => page.GetByRole(AriaRole.Region, new() { Name = "Schedules", Exact = true });

    public ILocator Runs => page.GetByRole(AriaRole.Region, new() { Name = "Runs", Exact = true });

    /// <summary>The schedules table row of a model's job kind (its id is "schedule-{model}-{kind}").</summary>
    public ILocator ScheduleRow(string model, string kind) => page.Locator($"tr[id='schedule-{model}-{kind}']");

    /// <summary>Every Run now button (its accessible name also names the job and model).</summary>
    public ILocator RunNowButtons => page.GetByRole(AriaRole.Button).Filter(new() { HasText = "Run now" });

    /// <summary>Every Edit link of a schedule.</summary>
    public ILocator EditLinks => Schedules.GetByRole(AriaRole.Link).Filter(new() { HasText = "Edit" });

    public ILocator RunNowButton(string model, string kind) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Run now {kind} of {model}", Exact = true });

    /// <summary>Opens the jobs of one model (<c>jobs?model=</c>).</summary>
    public async Task GotoAsync(string? model = null)
    {
        await page.GotoAsync(model is null ? "jobs" : "jobs?model=" + Uri.EscapeDataString(model));
        await Assertions.Expect(Heading).ToContainTextAsync("Jobs");
    }

    /// <summary>Presses Run now; the portal answers with the new run's page.</summary>
    public async Task<RunPage> RunNowAsync(string model, string kind)
    {
        await RunNowButton(model, kind).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/jobs/runs/", StringComparison.Ordinal));
        return new RunPage(page);
    }
}
