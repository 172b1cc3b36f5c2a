using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models/{name}: a model's facts, its versions with lineage, and the stage-change form.</summary>
internal sealed class ModelDetailPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator VersionsTable => page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Lineage" });

    /// <summary>The row of version N (its header cell reads "vN").</summary>
    public ILocator VersionRow(int number) =>
        VersionsTable.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = $"v{number}", Exact = true }) });

    public ILocator StageOf(int number) => VersionRow(number).Locator(".stage-badge");

    public async Task<AuditPage> OpenAuditTimelineAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit timeline" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new AuditPage(page);
    }
}
