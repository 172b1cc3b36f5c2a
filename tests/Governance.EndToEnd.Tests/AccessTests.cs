using Governance.Data.Registry;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>Who may change the registry from the portal: forms appear only for them, and the server checks again.</summary>
[Collection(PortalCollection.Name)]
public sealed class AccessTests(PortalFixture portal, ITestOutputHelper output)
{
    [Fact]
    public async Task Viewer_sees_no_change_forms_and_a_crafted_post_is_refused()
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ViewerName, PortalFixture.UserPassword);
        await using var _ = context;
        var models = new ModelsPage(page, portal.Host.BaseAddress);
        await Assertions.Expect(models.Row(PortalFixture.ModelName)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Register a model" })).ToHaveCountAsync(0);
        await models.OpenAsync(PortalFixture.ModelName);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change a version's stage" })).ToHaveCountAsync(0);

        // The sign-out form in the header carries this session's antiforgery token; a hand-made post
        // of the register form with it must still be refused.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var response = await context.APIRequest.PostAsync("models", new()
        {
            Form = context.APIRequest.CreateFormData()
                .Append("__RequestVerificationToken", token!)
                .Append("_handler", "register-model")
                .Append("Input.Name", "sneaky-model")
                .Append("Input.Task", "x")
                .Append("Input.Domain", "x")
                .Append("Input.Owner", "x")
                .Append("Input.RiskTier", "Minimal"),
            MaxRedirects = 0,
        });
        output.WriteLine($"Crafted post answered {response.Status}");
        Assert.InRange(response.Status, 400, 499);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ModelRegistry>().GetModelAsync("sneaky-model"));

        // Audit pages are for reviewers, not viewers.
        var audit = await page.GotoAsync("audit");
        Assert.Contains("access-denied", page.Url, StringComparison.Ordinal);
        Assert.NotNull(audit);
    }

    [Fact]
    public async Task Admin_moves_a_version_to_staging_with_a_reason_and_the_change_is_audited()
    {
        var (context, page) = await portal.SignedInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);
        await using var _ = context;
        await page.GotoAsync($"models/{PortalFixture.StageDemoModel}");
        var detail = new ModelDetailPage(page);
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Candidate");

        await page.GetByLabel("Version").SelectOptionAsync("1");
        await page.GetByLabel("New stage").SelectOptionAsync("Staging");
        await page.GetByLabel("Reason").FillAsync("Offline evaluation met the release policy.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change stage" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "changed stage" })).ToBeVisibleAsync();
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Staging");
        await new Screenshots(output).SaveAsync(page, "08-stage-changed");

        // A move the lifecycle forbids is refused with the reason, and nothing changes.
        await page.GetByLabel("Version").SelectOptionAsync("1");
        await page.GetByLabel("New stage").SelectOptionAsync("Archived");
        await page.GetByLabel("Reason").FillAsync("Trying a move that is not allowed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change stage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot move from Staging to Archived");
        await Assertions.Expect(detail.StageOf(1)).ToHaveTextAsync("Staging");

        await page.GotoAsync($"audit?subject=model-version%3A{PortalFixture.StageDemoModel}%2F1&action=version.stage-changed");
        var audit = new AuditPage(page);
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Rows.First).ToContainTextAsync("Offline evaluation met the release policy.");
    }
}
