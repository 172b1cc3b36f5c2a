using Governance.Data;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>A Viewer reads the loop's pages but sees no action buttons, and a decision posted by hand is refused with 403.</summary>
[Collection(LoopPortalCollection.Name)]
public sealed class LoopAccessTests(LoopPortalFixture loop, ITestOutputHelper output)
{
    private readonly Screenshots _shots = new(output, "loop-");

    [Fact]
    public async Task Viewer_sees_no_action_buttons_and_a_hand_made_decision_is_refused_with_403()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.ViewerVic, "/approvals?status=Pending");
        await using var _ = context;
        var inbox = new ApprovalsPage(page);
        await Assertions.Expect(inbox.Heading).ToBeVisibleAsync();
        await Assertions.Expect(inbox.StatusOf(LoopPortalFixture.PendingModel, 1)).ToHaveTextAsync("Pending");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToHaveCountAsync(0);
        await Assertions.Expect(inbox.Request(LoopPortalFixture.PendingModel, 1)).ToContainTextAsync("Deciding needs one of the roles");
        await _shots.SaveAsync(page, "viewer-approvals");

        // The header's sign-out form carries this session's antiforgery token; with it, a decision posted by
        // hand passes the antiforgery check and must be refused by the decision forms' policy.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var response = await context.APIRequest.PostAsync("approvals?status=Pending", new()
        {
            Form = context.APIRequest.CreateFormData()
                .Append("__RequestVerificationToken", token!)
                .Append("_handler", $"decide-{loop.PendingRequestId:N}")
                .Append("Verdict", "Approve")
                .Append("Reason", "Viewer approving by hand"),
            MaxRedirects = 0,
        });
        output.WriteLine($"Hand-made decision answered {response.Status}");
        Assert.Equal(403, response.Status);
        var request = await loop.InScopeAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking()
            .SingleAsync(a => a.Id == loop.PendingRequestId));
        Assert.Empty(request.Decisions);
    }
}
