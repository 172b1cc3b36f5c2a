using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/jobs/runs/{id}: one run's status, progress and log; with JavaScript off it is followed through its Refresh link.</summary>
internal sealed partial class RunPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The status badge in the heading (Queued, Running, Succeeded, Failed, Cancelled).</summary>
    public ILocator Status => Heading.Locator(".badge");

    public ILocator RefreshLink => page.GetByRole(AriaRole.Link, new() { Name = "Refresh", Exact = true });

    public ILocator Progress => page.GetByRole(AriaRole.Region, new() { Name = "Progress" });

    /// <summary>What the run produced (a version with links to its evidence, drift reports).</summary>
    public ILocator Results => page.GetByRole(AriaRole.Region, new() { Name = "Results", Exact = true });

    /// <summary>The log table's rows, oldest first.</summary>
    public ILocator LogLines => page.GetByRole(AriaRole.Region, new() { Name = "Log", Exact = true }).Locator("tbody tr");

    public ILocator CancelButton => page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" });

    public ILocator RetryButton => page.GetByRole(AriaRole.Button, new() { Name = "Retry run" });

    /// <summary>The run id from the page's URL (jobs/runs/{id}).</summary>
    public Guid RunId => Guid.Parse(RunUrl().Match(page.Url).Groups["id"].Value);

    /// <summary>
    /// Follows the Refresh link, as a reader without script does, until the status is <paramref name="status"/>;
    /// fails at once on another final status, and after <paramref name="bound"/> (a bound for a loaded machine).
    /// <paramref name="onFirstRunning"/> is called on the first view that shows the run Running.
    /// </summary>
    public async Task FollowUntilAsync(string status, TimeSpan bound, Func<Task>? onFirstRunning = null)
    {
        var deadline = DateTime.UtcNow + bound;
        var seenRunning = false;
        while (true)
        {
            var now = (await Status.InnerTextAsync()).Trim();
            if (now == status)
            {
                return;
            }
            Assert.False(now is "Succeeded" or "Failed" or "Cancelled", $"The run ended {now}, not {status}: {await Progress.InnerTextAsync()}");
            Assert.True(DateTime.UtcNow < deadline, $"The run is still {now} after {bound}: {await Progress.InnerTextAsync()}");
            if (now == "Running" && !seenRunning)
            {
                seenRunning = true;
                if (onFirstRunning is not null)
                {
                    await onFirstRunning();
                }
            }
            await Task.Delay(1000);
            await RefreshLink.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
    }

    [GeneratedRegex(@"jobs/runs/(?<id>[0-9a-fA-F-]{36})")]
    private static partial Regex RunUrl();
}
