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

    /// <summary>The "Recent history" list: the model's and its versions' latest audit events.</summary>
    public ILocator History => page.GetByRole(AriaRole.Region, new() { Name = "Recent history" });

    public ILocator StageForm => page.GetByRole(AriaRole.Region, new() { Name = "Change a version's stage" });

    /// <summary>Fills and posts the stage-change form; the page reloads with the outcome.</summary>
    public async Task ChangeStageAsync(int version, string stage, string reason)
    {
        await StageForm.GetByLabel("Version", new() { Exact = true }).SelectOptionAsync(version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await StageForm.GetByLabel("New stage", new() { Exact = true }).SelectOptionAsync(stage);
        await StageForm.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        await StageForm.GetByRole(AriaRole.Button, new() { Name = "Change stage" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async Task<AuditPage> OpenAuditTimelineAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit timeline" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        return new AuditPage(page);
    }
}
