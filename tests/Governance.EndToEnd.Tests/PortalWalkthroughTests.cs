using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// What a compliance reviewer does first: sign in, find the model, read its versions and lineage,
/// open its audit timeline and verify the chain. Runs in Chromium with JavaScript switched off.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalWalkthroughTests(PortalFixture portal, ITestOutputHelper output)
{
    private readonly Screenshots _screenshots = new(output, portal.ScreenshotPrefix);

    [Fact]
    public Task Admin_signs_in_opens_the_model_and_sees_its_registration_in_the_audit_trail() =>
        Walkthroughs.SignInOpenModelAndAuditTimelineAsync(portal, _screenshots);

    [Fact]
    public Task Reviewer_verifies_the_chain_and_sees_it_intact() =>
        Walkthroughs.VerifyChainIntactAsync(portal, _screenshots);

    [Fact]
    public async Task Dataset_version_page_shows_hash_lineage_facts_and_a_download_link()
    {
        var (context, page) = await portal.SignedInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);
        await using var _ = context;
        await page.GotoAsync("datasets");
        await _screenshots.SaveAsync(page, "12-datasets");
        await page.GetByRole(AriaRole.Link, new() { Name = $"{PortalFixture.DatasetName} v1" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(PortalFixture.DatasetName);
        await Assertions.Expect(page.Locator("dd code.hash")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Download file" });
        await Assertions.Expect(download).ToHaveAttributeAsync("href", $"api/v1/datasets/{PortalFixture.DatasetName}/versions/1/content");
        var response = await context.APIRequest.GetAsync($"api/v1/datasets/{PortalFixture.DatasetName}/versions/1/content");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text,label", await response.TextAsync(), StringComparison.Ordinal);
        await _screenshots.SaveAsync(page, "07-dataset-version");
    }

    [Fact]
    public async Task Models_list_filters_by_text_and_domain_from_a_bookmarkable_url()
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ViewerName, PortalFixture.UserPassword);
        await using var _ = context;
        var models = new ModelsPage(page, portal.Host.BaseAddress);

        await models.GotoAsync("domain=finance");
        await Assertions.Expect(models.Row(PortalFixture.StageDemoModel)).ToBeVisibleAsync();
        await Assertions.Expect(models.Row(PortalFixture.ModelName)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Domain", new() { Exact = true })).ToHaveValueAsync("finance");

        await models.GotoAsync("q=Mail+platform");
        await Assertions.Expect(models.Row(PortalFixture.ModelName)).ToBeVisibleAsync();
        await Assertions.Expect(models.Row(PortalFixture.StageDemoModel)).ToHaveCountAsync(0);

        await models.GotoAsync("q=no-such-thing");
        await Assertions.Expect(page.GetByText("No model matches these filters.")).ToBeVisibleAsync();
    }
}
