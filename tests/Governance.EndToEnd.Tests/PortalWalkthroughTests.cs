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
    private readonly Screenshots _screenshots = new(output);

    [Fact]
    public async Task Admin_signs_in_opens_the_model_and_sees_its_registration_in_the_audit_trail()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        // An anonymous visit is sent to sign in and comes back to the page it asked for.
        await page.GotoAsync("models");
        var signIn = new SignInPage(page);
        await Assertions.Expect(signIn.Heading).ToBeVisibleAsync();
        await _screenshots.SaveAsync(page, "01-sign-in");
        await signIn.SignInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);

        var models = new ModelsPage(page, portal.Host.BaseAddress);
        await Assertions.Expect(models.Heading).ToBeVisibleAsync();
        var row = models.Row(PortalFixture.ModelName);
        await Assertions.Expect(row).ToContainTextAsync("text-classification");
        await Assertions.Expect(row).ToContainTextAsync("High");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("v1");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("2");
        await _screenshots.SaveAsync(page, "02-models");

        var detail = await models.OpenAsync(PortalFixture.ModelName);
        await Assertions.Expect(detail.Heading).ToContainTextAsync(PortalFixture.ModelName);
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Production");
        await Assertions.Expect(detail.StageOf(2)).ToHaveTextAsync("Candidate");
        await Assertions.Expect(detail.VersionRow(2).GetByRole(AriaRole.Link, new() { Name = "v1", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(detail.VersionRow(2).GetByRole(AriaRole.Link, new() { Name = $"{PortalFixture.DatasetName} v1" })).ToBeVisibleAsync();
        await _screenshots.SaveAsync(page, "03-model-detail");

        var audit = await detail.OpenAuditTimelineAsync();
        await Assertions.Expect(audit.Heading).ToBeVisibleAsync();
        await Assertions.Expect(audit.SubjectFilter).ToHaveValueAsync($"model:{PortalFixture.ModelName}");
        await Assertions.Expect(audit.EventRows("model.registered", $"model:{PortalFixture.ModelName}")).ToHaveCountAsync(1);
        await Assertions.Expect(audit.EventRows("model.registered", $"model:{PortalFixture.ModelName}")).ToContainTextAsync($"user:{PortalHost.AdminUserName}");
        await _screenshots.SaveAsync(page, "04-audit-model-timeline");
    }

    [Fact]
    public async Task Reviewer_verifies_the_chain_and_sees_it_intact()
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
        await using var _ = context;
        await page.GotoAsync("");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Latest activity" })).ToBeVisibleAsync();
        await _screenshots.SaveAsync(page, "10-overview");

        await page.GotoAsync("audit/verify");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verify now" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();

        await Assertions.Expect(page.Locator(".verification .verdict")).ToHaveTextAsync("Intact");
        var checkedText = await page.Locator(".events-checked").InnerTextAsync();
        var checkedCount = long.Parse(checkedText.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(checkedCount > PortalFixture.SeededSignIns, $"Only {checkedCount} events were checked.");
        await _screenshots.SaveAsync(page, "06-chain-verification");
    }

    [Fact]
    public async Task Dataset_version_page_shows_hash_lineage_facts_and_a_download_link()
    {
        var (context, page) = await portal.SignedInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);
        await using var _ = context;
        await page.GotoAsync("datasets");
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
}
