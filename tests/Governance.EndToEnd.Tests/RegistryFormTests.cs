using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>The portal's two write forms, posted by an admin with JavaScript off.</summary>
[Collection(PortalCollection.Name)]
public sealed class RegistryFormTests(PortalFixture portal, ITestOutputHelper output)
{
    [Fact]
    public async Task Admin_registers_a_model_and_a_taken_name_is_explained()
    {
        var (context, page) = await portal.SignedInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);
        await using var _ = context;
        var models = new ModelsPage(page, portal.Host.BaseAddress);

        // The browser checks the name's shape; a taken name only the server can know about.
        await models.RegisterAsync(PortalFixture.ModelName, "ranking", "search", "Search team", "Minimal");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"A model named '{PortalFixture.ModelName}' already exists.");
        await Assertions.Expect(models.RegisterForm).ToHaveAttributeAsync("open", "");
        await new Screenshots(output).SaveAsync(page, "09-register-error");

        await models.RegisterAsync("search-ranker", "ranking", "search", "Search team", "Minimal");
        var detail = new ModelDetailPage(page);
        await Assertions.Expect(detail.Heading).ToContainTextAsync("search-ranker");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "was registered" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Admin_moves_a_version_to_staging_with_a_reason_and_the_change_is_audited()
    {
        var (context, page) = await portal.SignedInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);
        await using var _ = context;
        await page.GotoAsync($"models/{PortalFixture.StageDemoModel}");
        var detail = new ModelDetailPage(page);
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Candidate");

        await detail.ChangeStageAsync(1, "Staging", "Offline evaluation met the release policy.");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "changed stage" })).ToBeVisibleAsync();
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Staging");
        await new Screenshots(output).SaveAsync(page, "08-stage-changed");

        // A move the lifecycle forbids is refused with the reason, and nothing changes.
        await detail.ChangeStageAsync(1, "Archived", "Trying a move that is not allowed.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot move from Staging to Archived");
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Staging");

        await page.GotoAsync($"audit?subject=model-version%3A{PortalFixture.StageDemoModel}%2F1&action=version.stage-changed");
        var audit = new AuditPage(page);
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Rows.First).ToContainTextAsync("Offline evaluation met the release policy.");
    }
}
