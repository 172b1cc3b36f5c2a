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

    /// <summary>Opens the collapsed "Register a model" form (a native details element: no script needed).</summary>
    public async Task RegisterAsync(string name, string task, string domain, string owner, string riskTier)
    {
        var summary = page.Locator("details.register-model > summary");
        if (await page.Locator("details.register-model[open]").CountAsync() == 0)
        {
            await summary.ClickAsync();
        }
        var form = page.Locator("details.register-model form");
        await form.GetByLabel("Name (lower-case, digits, '-')", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Task", new() { Exact = true }).FillAsync(task);
        await form.GetByLabel("Domain", new() { Exact = true }).FillAsync(domain);
        await form.GetByLabel("Owner", new() { Exact = true }).FillAsync(owner);
        await form.GetByLabel("Risk tier", new() { Exact = true }).SelectOptionAsync(riskTier);
        await form.GetByRole(AriaRole.Button, new() { Name = "Register model" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public ILocator RegisterForm => page.Locator("details.register-model");

    public async Task<ModelDetailPage> OpenAsync(string modelName)
    {
        await Row(modelName).GetByRole(AriaRole.Link, new() { Name = modelName, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new ModelDetailPage(page);
    }
}
