using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models: the list of governed models and the register form.</summary>
internal sealed class ModelsPage(IPage page, Uri baseAddress)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Models", Exact = true });

    public ILocator Table => page.GetByRole(AriaRole.Table);

    public async Task GotoAsync(string? query = null) =>
        await page.GotoAsync(new Uri(baseAddress, "models" + (query is null ? "" : "?" + query)).ToString());

    /// <summary>The row whose header cell is the model's name.</summary>
    public ILocator Row(string modelName) =>
        Table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = modelName, Exact = true }) });

    public async Task<ModelDetailPage> OpenAsync(string modelName)
    {
        await Row(modelName).GetByRole(AriaRole.Link, new() { Name = modelName, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new ModelDetailPage(page);
    }
}
