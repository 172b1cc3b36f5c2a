using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/: every model with its production version and what is moving, and what needs the signed-in user's action.</summary>
internal sealed class OverviewPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true, Level = 1 });

    public ILocator NeedsAction => page.GetByRole(AriaRole.Region, new() { Name = "Needs your action", Exact = true });

    /// <summary>The "Needs your action" entry asking for a decision on version <paramref name="number"/> of <paramref name="model"/>.</summary>
    public ILocator ApprovalItem(string model, int number) =>
        NeedsAction.Locator("li[data-action=approval]").Filter(new() { HasText = $"{model} v{number} " });

    public ILocator ModelsTable => page.GetByRole(AriaRole.Region, new() { Name = "Models", Exact = true }).GetByRole(AriaRole.Table);

    public ILocator ModelRow(string model) => page.Locator($"tr[id='model-{model}']");

    /// <summary>The Production cell of a model's row ("vN" or "none").</summary>
    public ILocator ProductionOf(string model) => ModelRow(model).Locator("td").First;

    public async Task GotoAsync()
    {
        await page.GotoAsync("");
        await Assertions.Expect(Heading).ToBeVisibleAsync();
    }

    /// <summary>Follows the "bias report" link of an approval waiting for the user.</summary>
    public async Task<BiasReportPage> OpenBiasReportAsync(string model, int number)
    {
        await ApprovalItem(model, number).GetByRole(AriaRole.Link, new() { Name = "bias report", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new BiasReportPage(page);
    }

    /// <summary>Follows the "compare" link of an approval waiting for the user.</summary>
    public async Task<ComparePage> OpenCompareAsync(string model, int number)
    {
        await ApprovalItem(model, number).GetByRole(AriaRole.Link, new() { Name = "compare", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new ComparePage(page);
    }
}
