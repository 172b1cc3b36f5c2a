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
        await Assertions.Expect(models.RegisterForm).ToHaveCountAsync(0);
        await models.OpenAsync(PortalFixture.ModelName);
        await Assertions.Expect(new ModelDetailPage(page).StageForm).ToHaveCountAsync(0);

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
}
