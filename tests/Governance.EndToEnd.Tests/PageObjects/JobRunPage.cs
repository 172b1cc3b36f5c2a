using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>
/// /jobs/runs/{id}: one run's status, progress, log, error and results, with Cancel and Retry. With JavaScript
/// off the page is followed by its Refresh link (<see cref="WaitForStatusAsync"/>); with it on it refreshes itself.
/// </summary>
internal sealed partial class JobRunPage(IPage page)
{
    private static readonly string[] FinalStatuses = ["Succeeded", "Failed", "Cancelled"];

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The run id, from the page's address when this object was made (it stays valid after navigating away).</summary>
    public Guid RunId { get; } = RunIdOf(page.Url);

    /// <summary>The status badge in the heading: Queued, Running, Succeeded, Failed or Cancelled.</summary>
    public ILocator Status => Heading.Locator(".badge");

    public ILocator Progress => page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of this run" });

    public ILocator RefreshLink => page.GetByRole(AriaRole.Link, new() { Name = "Refresh", Exact = true });

    public ILocator CancelButton => page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" });

    public ILocator RetryButton => page.GetByRole(AriaRole.Button, new() { Name = "Retry run" });

    public ILocator Alerts => page.GetByRole(AriaRole.Alert);

    public ILocator LogLines => page.GetByRole(AriaRole.Region, new() { Name = "Log", Exact = true }).Locator("tbody tr");

    public ILocator Error => page.GetByRole(AriaRole.Region, new() { Name = "Error", Exact = true });

    /// <summary>Links to what the run produced or evaluated and their evidence pages.</summary>
    public ILocator Results => page.GetByRole(AriaRole.Region, new() { Name = "Results", Exact = true });

    /// <summary>The link to the version a retrain produced ("name vN").</summary>
    public ILocator VersionLink(string model, int number) => Results.GetByRole(AriaRole.Link, new() { Name = $"{model} v{number}", Exact = true });

    public ILocator CompareLink => Results.GetByRole(AriaRole.Link, new() { Name = "compare with production" }).First;

    public ILocator BiasLink => Results.GetByRole(AriaRole.Link, new() { Name = "bias report" }).First;

    public async Task<string> StatusTextAsync() => (await Status.InnerTextAsync()).Trim();

    /// <summary>
    /// Follows the Refresh link (or reloads once the run is final) until the status is one of <paramref name="statuses"/>
    /// (default: any final status); fails with the last status after <paramref name="timeout"/> (default 120 s).
    /// </summary>
    public async Task<string> WaitForStatusAsync(TimeSpan? timeout = null, params string[] statuses)
    {
        var wanted = statuses.Length == 0 ? FinalStatuses : statuses;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var status = await StatusTextAsync();
            if (wanted.Contains(status))
            {
                return status;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {RunId} is still {status}; waited for {string.Join(" or ", wanted)}.");
            }
            await Task.Delay(500);
            if (await RefreshLink.CountAsync() > 0)
            {
                await RefreshLink.ClickAsync();
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
            else
            {
                await page.ReloadAsync();
            }
        }
    }

    public async Task CancelAsync()
    {
        await CancelButton.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Retries this (failed or cancelled) run; the portal shows the new run's page.</summary>
    public async Task<JobRunPage> RetryAsync()
    {
        var old = RunId;
        await RetryButton.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/jobs/runs/", StringComparison.Ordinal) && !url.Contains(old.ToString(), StringComparison.Ordinal));
        return new JobRunPage(page);
    }

    private static Guid RunIdOf(string url)
    {
        var match = RunIdInUrl().Match(url);
        return match.Success ? Guid.Parse(match.Groups[1].Value) : throw new InvalidOperationException($"Not a run page: {url}");
    }

    [GeneratedRegex("/jobs/runs/([0-9a-fA-F-]{36})")]
    private static partial Regex RunIdInUrl();
}
