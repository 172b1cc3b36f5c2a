using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models/{name}/drift: the drift checks over time; ?report= one check's columns and histograms.</summary>
internal sealed class DriftPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator History => page.GetByRole(AriaRole.Region, new() { Name = "Drift over time", Exact = true });

    /// <summary>Rows of the reports table (header row included).</summary>
    public ILocator ReportRows => History.GetByRole(AriaRole.Table).Filter(new() { HasText = "newest first" }).GetByRole(AriaRole.Row);

    /// <summary>The per-column table of the opened report.</summary>
    public ILocator ColumnRows => page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Per-column results" }).GetByRole(AriaRole.Row);

    /// <summary>Opens the newest report's details.</summary>
    public async Task OpenNewestReportAsync()
    {
        await History.GetByRole(AriaRole.Link).Filter(new() { HasText = "Details" }).First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
