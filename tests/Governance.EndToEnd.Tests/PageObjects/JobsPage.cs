using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>
/// /jobs (optional ?model=): schedules with Run now and Edit, the schedule form, and the runs table.
/// Everything works with JavaScript off: Run now posts a form and lands on the run's page.
/// </summary>
internal sealed class JobsPage(IPage page, Uri baseAddress)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public async Task GotoAsync(string? model = null) =>
        await page.GotoAsync(new Uri(baseAddress, model is null ? "jobs" : "jobs?model=" + Uri.EscapeDataString(model)).ToString());

    public ILocator Schedules => page.GetByRole(AriaRole.Region, new() { Name = "Schedules", Exact = true });

    /// <summary>The schedules row of a model's job kind (Retrain, Evaluate, DriftCheck).</summary>
    public ILocator ScheduleRow(string model, string kind) => Schedules.GetByRole(AriaRole.Row)
        .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = model, Exact = true }) })
        .Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = kind, Exact = true }) });

    /// <summary>The Run now button of a model's job (absent for Viewers).</summary>
    public ILocator RunNowButton(string model, string kind) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Run now {kind} of {model}", Exact = true });

    /// <summary>Clicks Run now; the portal queues the run and shows its page.</summary>
    public async Task<JobRunPage> RunNowAsync(string model, string kind)
    {
        await RunNowButton(model, kind).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/jobs/runs/", StringComparison.Ordinal));
        return new JobRunPage(page);
    }

    /// <summary>The schedule form of one job (open after <see cref="EditScheduleAsync"/> or on a refused save).</summary>
    public ILocator ScheduleForm(string model, string kind) =>
        page.GetByRole(AriaRole.Region, new() { Name = $"{kind} schedule of {model}", Exact = true });

    /// <summary>The page's alerts: a refused run or schedule with its reason.</summary>
    public ILocator Alerts => page.GetByRole(AriaRole.Alert);

    /// <summary>Opens the job's schedule form, fills it and saves. A bad cron leaves the form open with the reason in <see cref="Alerts"/>.</summary>
    public async Task EditScheduleAsync(string model, string kind, string cron, string timeZone, bool enabled = true)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Edit {kind} schedule of {model}", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        var form = ScheduleForm(model, kind);
        await form.GetByLabel("Cron expression", new() { Exact = true }).FillAsync(cron);
        await form.GetByLabel("Time zone", new() { Exact = true }).FillAsync(timeZone);
        await form.GetByLabel("Enabled", new() { Exact = true }).SetCheckedAsync(enabled);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public ILocator Runs => page.GetByRole(AriaRole.Region, new() { Name = "Runs", Exact = true });

    /// <summary>The runs table's rows, newest first.</summary>
    public ILocator RunRows => Runs.Locator("tbody tr");

    /// <summary>The row of one run (its status badge, progress bar, attempts, node, times, error).</summary>
    public ILocator RunRow(Guid runId) => Runs.Locator($"tr#run-{runId}");

    public async Task<JobRunPage> OpenRunAsync(Guid runId)
    {
        await RunRow(runId).GetByRole(AriaRole.Rowheader).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new JobRunPage(page);
    }

    public ILocator OlderRunsLink => page.GetByRole(AriaRole.Link, new() { Name = "Older runs" });

    /// <summary>Reloads through the page's Refresh link (the no-script way to see new runs).</summary>
    public async Task RefreshAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Refresh", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
