using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models/{name}/versions/{n}/bias: per-group rates, disparities against the policy band, counterfactual probes.</summary>
internal sealed class BiasReportPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The tables of the report (each has a caption; numbers are readable without the charts).</summary>
    public ILocator Tables => page.GetByRole(AriaRole.Table);

    /// <summary>The section of one sensitive attribute (its heading reads "Attribute name").</summary>
    public ILocator Attribute(string name) => page.GetByRole(AriaRole.Region, new() { Name = $"Attribute {name}", Exact = true });

    public ILocator Counterfactuals => page.GetByRole(AriaRole.Region, new() { Name = "Counterfactual probes", Exact = true });

    /// <summary>Follows "Compare with production" in the page header.</summary>
    public async Task<ComparePage> OpenCompareAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with production", Exact = true }).First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new ComparePage(page);
    }

    public async Task GotoAsync(string model, int number)
    {
        await page.GotoAsync($"models/{Uri.EscapeDataString(model)}/versions/{number}/bias");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
