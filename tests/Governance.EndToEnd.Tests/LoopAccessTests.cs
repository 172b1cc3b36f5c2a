using Governance.Data;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>A Viewer reads the loop's pages but sees no action buttons, and forms posted by hand are refused with 403.</summary>
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
        await _shots.SaveAsync(page, "viewer-approvals");

        // The header's sign-out form carries this session's antiforgery token; with it, a decision posted by
        // hand passes the antiforgery check and must be refused by the decision's own rule.
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
        Assert.Contains("needs one of the roles", await response.TextAsync(), StringComparison.Ordinal);
        var request = await loop.InScopeAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking()
            .SingleAsync(a => a.Id == loop.PendingRequestId));
        Assert.Empty(request.Decisions);
    }

    [Fact]
    public async Task Viewer_sees_no_run_buttons_on_jobs_and_a_run_page_and_hand_made_posts_are_refused_with_403()
    {
        // An engineer sees Retry on the failed run: the buttons exist for those allowed.
        var (engineerContext, engineerPage) = await loop.SignedInAsync(LoopPortalFixture.EngineerBen, $"/jobs/runs/{loop.FailedRunId}");
        await using (engineerContext)
        {
            await Assertions.Expect(new JobRunPage(engineerPage).RetryButton).ToBeVisibleAsync();
        }

        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.ViewerVic, "/jobs");
        await using var _ = context;
        var jobs = new JobsPage(page, loop.Host.BaseAddress);
        await jobs.GotoAsync(LoopPortalFixture.ModelName);
        await Assertions.Expect(jobs.ScheduleRow(LoopPortalFixture.ModelName, "Retrain")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToHaveCountAsync(0);
        await Assertions.Expect(jobs.Schedules.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await _shots.SaveAsync(page, "viewer-jobs");
        var runsBefore = await RunCountAsync();
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var runNow = await context.APIRequest.PostAsync("jobs", new()
        {
            Form = context.APIRequest.CreateFormData()
                .Append("__RequestVerificationToken", token!)
                .Append("_handler", "run-now")
                .Append("Run", $"{LoopPortalFixture.PendingModel}|DriftCheck"),
            MaxRedirects = 0,
        });
        output.WriteLine($"Hand-made Run now answered {runNow.Status}");
        Assert.Equal(403, runNow.Status);

        await page.GotoAsync($"jobs/runs/{loop.FailedRunId}");
        var run = new JobRunPage(page);
        await Assertions.Expect(run.Status).ToHaveTextAsync("Failed");
        await Assertions.Expect(run.RetryButton).ToHaveCountAsync(0);
        await Assertions.Expect(run.CancelButton).ToHaveCountAsync(0);
        await _shots.SaveAsync(page, "viewer-failed-run");
        token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var retry = await context.APIRequest.PostAsync($"jobs/runs/{loop.FailedRunId}", new()
        {
            Form = context.APIRequest.CreateFormData()
                .Append("__RequestVerificationToken", token!)
                .Append("_handler", "retry-run"),
            MaxRedirects = 0,
        });
        output.WriteLine($"Hand-made Retry answered {retry.Status}");
        Assert.Equal(403, retry.Status);
        Assert.Equal(runsBefore, await RunCountAsync());
    }

    private Task<int> RunCountAsync() => loop.InScopeAsync(sp => sp.GetRequiredService<GovernanceDbContext>().JobRuns.CountAsync());
}
