using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models/{name}/versions/{n}/bias: group rates, disparities against the policy band, counterfactual probes.</summary>
internal sealed class BiasReportPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The section of one sensitive attribute (heading "Attribute name").</summary>
    public ILocator Attribute(string name) => page.GetByRole(AriaRole.Region, new() { Name = $"Attribute {name}", Exact = true });

    /// <summary>Disparate-impact rows of an attribute: group, ratio, pass/fail against the band.</summary>
    public ILocator ImpactRows(string attribute) =>
        Attribute(attribute).GetByRole(AriaRole.Table).Filter(new() { HasText = "Disparate impact:" }).GetByRole(AriaRole.Row);

    public ILocator Counterfactuals => page.GetByRole(AriaRole.Region, new() { Name = "Counterfactual probes", Exact = true });

    /// <summary>Follows "Compare with production" in the page header.</summary>
    public async Task<ComparePage> OpenCompareAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with production", Exact = true }).First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new ComparePage(page);
    }
}
