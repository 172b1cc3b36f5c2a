using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models/{name}/versions/{n}/compare: a candidate against production (or a chosen version).</summary>
internal sealed class ComparePage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Section(string heading) => page.GetByRole(AriaRole.Region, new() { Name = heading, Exact = true });

    /// <summary>The metrics table (its caption starts "Metrics of").</summary>
    public ILocator MetricsTable => Section("Metrics").GetByRole(AriaRole.Table).Filter(new() { HasText = "Matthews correlation" });

    /// <summary>A metric's row, found by its row header ("Macro F1", "Accuracy", ...).</summary>
    public ILocator MetricRow(string metric) =>
        MetricsTable.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = metric, Exact = true }) });

    public ILocator GateRows => Section("Gate results").GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);

    /// <summary>Chooses another version in the "Compare vN with" form and submits it (a plain GET form).</summary>
    public async Task CompareWithAsync(int version)
    {
        await page.GetByRole(AriaRole.Combobox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Compare v\\d+ with$") }).SelectOptionAsync(version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async Task<BiasReportPage> OpenBiasReportAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Bias report", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new BiasReportPage(page);
    }

    public async Task<DriftPage> OpenDriftAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Drift", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new DriftPage(page);
    }
}
