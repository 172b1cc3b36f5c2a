using System.Globalization;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// The walkthroughs that run on both databases: what a compliance reviewer does first. Each takes a
/// seeded portal and saves its screenshots as it goes.
/// </summary>
internal static class Walkthroughs
{
    /// <summary>Sign in (sent there from /models), the models list, the model with its versions and lineage, its audit timeline.</summary>
    public static async Task SignInOpenModelAndAuditTimelineAsync(PortalFixture portal, Screenshots screenshots)
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        // An anonymous visit is sent to sign in and comes back to the page it asked for.
        await page.GotoAsync("models");
        var signIn = new SignInPage(page);
        await Assertions.Expect(signIn.Heading).ToBeVisibleAsync();
        await screenshots.SaveAsync(page, "01-sign-in");
        await signIn.SignInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);

        var models = new ModelsPage(page, portal.Host.BaseAddress);
        await Assertions.Expect(models.Heading).ToBeVisibleAsync();
        var row = models.Row(PortalFixture.ModelName);
        await Assertions.Expect(row).ToContainTextAsync("text-classification");
        await Assertions.Expect(row).ToContainTextAsync("High");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("v1");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("2");
        await screenshots.SaveAsync(page, "02-models");

        var detail = await models.OpenAsync(PortalFixture.ModelName);
        await Assertions.Expect(detail.Heading).ToContainTextAsync(PortalFixture.ModelName);
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Production");
        await Assertions.Expect(detail.StageOf(2)).ToHaveTextAsync("Candidate");
        await Assertions.Expect(detail.VersionRow(2).GetByRole(AriaRole.Link, new() { Name = "v1", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(detail.VersionRow(2).GetByRole(AriaRole.Link, new() { Name = $"{PortalFixture.DatasetName} v1" })).ToBeVisibleAsync();
        await Assertions.Expect(detail.History.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Staging → Production" }))
            .ToContainTextAsync("Approved by ML engineering and compliance.");
        await screenshots.SaveAsync(page, "03-model-detail");
        var artifact = await page.APIRequest.GetAsync(
            await detail.VersionRow(1).GetByRole(AriaRole.Link, new() { Name = "Download the artifact of v1" }).GetAttributeAsync("href") ?? "");
        Assert.Equal(200, artifact.Status);
        Assert.Equal("weights v1", await artifact.TextAsync());

        var audit = await detail.OpenAuditTimelineAsync();
        await Assertions.Expect(audit.Heading).ToBeVisibleAsync();
        // The timeline holds the model and all its versions.
        await Assertions.Expect(audit.SubjectFilter).ToHaveValueAsync("model,model-version");
        await Assertions.Expect(audit.PrefixFilter).ToHaveValueAsync(PortalFixture.ModelName);
        await Assertions.Expect(audit.EventRows("version.registered", $"model-version:{PortalFixture.ModelName}/1")).ToHaveCountAsync(1);
        await Assertions.Expect(audit.EventRows("model.registered", $"model:{PortalFixture.ModelName}")).ToHaveCountAsync(1);
        await Assertions.Expect(audit.EventRows("model.registered", $"model:{PortalFixture.ModelName}")).ToContainTextAsync($"user:{PortalHost.AdminUserName}");
        await screenshots.SaveAsync(page, "04-audit-model-timeline");
    }

    /// <summary>The overview, then the chain verified on request and found intact.</summary>
    public static async Task VerifyChainIntactAsync(PortalFixture portal, Screenshots screenshots)
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
        await using var _ = context;
        await page.GotoAsync("");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Latest activity" })).ToBeVisibleAsync();
        await screenshots.SaveAsync(page, "10-overview");

        await page.GotoAsync("audit/verify");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verify now" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();

        await Assertions.Expect(page.Locator(".verification .verdict")).ToHaveTextAsync("Intact");
        var checkedText = await page.Locator(".events-checked").InnerTextAsync();
        var checkedCount = long.Parse(checkedText.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(checkedCount > PortalFixture.SeededSignIns, $"Only {checkedCount} events were checked.");
        await screenshots.SaveAsync(page, "06-chain-verification");
    }
}
