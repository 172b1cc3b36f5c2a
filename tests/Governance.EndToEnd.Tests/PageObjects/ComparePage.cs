using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models/{name}/versions/{n}/compare: the candidate against production (metrics, slices, bias, gates, lineage).</summary>
internal sealed class ComparePage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Section(string heading) => page.GetByRole(AriaRole.Region, new() { Name = heading, Exact = true });

    public async Task GotoAsync(string model, int number)
    {
        await page.GotoAsync($"models/{Uri.EscapeDataString(model)}/versions/{number}/compare");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
