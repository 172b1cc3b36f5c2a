using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Governance.Pipelines.Demo;
using Governance.Pipelines.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// Issue 6, the release loop in the browser: an ML engineer retrains, a compliance officer reviews the
/// evidence and approves, a second engineer approves, and the promotion shows on the overview and in the
/// audit trail. The initiator's own approval is refused by the four-eyes rule. Each step saves a screenshot.
/// </summary>
[Collection(LoopPortalCollection.Name)]
public sealed class LoopWalkthroughTests(LoopPortalFixture loop, ITestOutputHelper output)
{
    private const string Model = LoopPortalFixture.ModelName;
    private const int Candidate = 2;

    private readonly Screenshots _shots = new(output, "loop-");

    [Fact]
    public async Task Engineer_retrains_officer_and_second_engineer_approve_and_the_promotion_is_audited()
    {
        await EngineerRetrainsAsync();
        await InitiatorIsRefusedAsync();
        await OfficerReviewsAndApprovesAsync();
        await SecondEngineerApprovesAsync();
        await PromotionIsOnOverviewAndInAuditAsync();
    }

    /// <summary>eng-ana presses Run now for the model's retrain on the Jobs page and follows the run until it has succeeded.</summary>
    private async Task EngineerRetrainsAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.EngineerAna, "/jobs");
        await using var _ = context;
        var jobs = new JobsPage(page, loop.Host.BaseAddress);
        await jobs.GotoAsync(Model);
        await Assertions.Expect(jobs.ScheduleRow(Model, "Retrain")).ToContainTextAsync("Europe/Berlin");
        await _shots.SaveAsync(page, "01-engineer-jobs");

        var run = await jobs.RunNowAsync(Model, "Retrain");
        output.WriteLine($"Retrain run {run.RunId} started by {LoopPortalFixture.EngineerAna}");
        await Assertions.Expect(run.Heading).ToContainTextAsync($"Retrain of {Model}");
        await _shots.SaveAsync(page, "02-engineer-run-started");
        // JavaScript is off: the page is followed through its Refresh link, bounded (not timed) for a loaded machine.
        var status = await run.WaitForStatusAsync(LoopPortalFixture.RunBound, "Running", "Succeeded", "Failed", "Cancelled");
        if (status == "Running")
        {
            await _shots.SaveAsync(page, "03-engineer-run-running");
            status = await run.WaitForStatusAsync(LoopPortalFixture.RunBound);
        }
        Assert.True(status == "Succeeded", $"The retrain ended {status}: {await page.GetByRole(AriaRole.Main).InnerTextAsync()}");
        await Assertions.Expect(run.VersionLink(Model, Candidate)).ToBeVisibleAsync();
        await Assertions.Expect(run.Results).ToContainTextAsync("Staging");
        Assert.True(await run.LogLines.CountAsync() > 0, "The finished run shows its log.");
        await _shots.SaveAsync(page, "04-engineer-run-succeeded");

        var stored = await loop.InScopeAsync(sp => sp.GetRequiredService<JobRuns>().GetAsync(run.RunId));
        Assert.Equal(LoopPortalFixture.EngineerAna, stored!.Initiator);
        var versions = await loop.VersionsAsync();
        Assert.Equal(ModelStage.Staging, Assert.Single(versions, v => v.Number == Candidate).Stage);
    }

    /// <summary>
    /// eng-ana started the run: the inbox offers her no decision on it and says why, and a decision she posts by
    /// hand is refused with the four-eyes rule on the page (403); nothing is recorded.
    /// </summary>
    private async Task InitiatorIsRefusedAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.EngineerAna, "/approvals");
        await using var _ = context;
        var inbox = new ApprovalsPage(page);
        await inbox.GotoAsync();
        await Assertions.Expect(inbox.StatusOf(Model, Candidate)).ToHaveTextAsync("Pending");
        await Assertions.Expect(inbox.Request(Model, Candidate)).ToContainTextAsync("under the four-eyes rule someone else decides");
        await Assertions.Expect(inbox.ApproveButton(Model, Candidate)).ToHaveCountAsync(0);
        await _shots.SaveAsync(page, "05-initiator-has-no-approve-button");

        var request = await loop.RequestOfAsync(Candidate);
        var response = await inbox.PostDecisionByHandAsync(request.Id, "Approve", "Looks good to me.");
        Assert.Equal(403, response.Status);
        await Assertions.Expect(inbox.Refusal).ToContainTextAsync("Four-eyes rule");
        await Assertions.Expect(inbox.Refusal).ToContainTextAsync("started the run");
        await Assertions.Expect(inbox.Decisions(Model, Candidate)).ToHaveCountAsync(0);
        await _shots.SaveAsync(page, "06-initiator-refused-four-eyes");
        Assert.Empty((await loop.RequestOfAsync(Candidate)).Decisions);
    }

    /// <summary>officer-cho finds the request on the overview, reads the bias report and the comparison with production, then approves.</summary>
    private async Task OfficerReviewsAndApprovesAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.OfficerCho, "/");
        await using var _ = context;
        var overview = new OverviewPage(page);
        await overview.GotoAsync();
        await Assertions.Expect(overview.ApprovalItem(Model, Candidate)).ToContainTextAsync($"started by {LoopPortalFixture.EngineerAna}");
        await Assertions.Expect(overview.ProductionOf(Model)).ToHaveTextAsync("v1");
        await _shots.SaveAsync(page, "07-officer-overview");

        var bias = await overview.OpenBiasReportAsync(Model, Candidate);
        await Assertions.Expect(bias.Heading).ToContainTextAsync($"Bias report: {Model} v{Candidate}");
        await Assertions.Expect(bias.Attribute(SpamTriageRows.SenderCcTld)).ToBeVisibleAsync();
        await Assertions.Expect(bias.Attribute(SpamTriageRows.NonAscii)).ToBeVisibleAsync();
        await _shots.SaveAsync(page, "08-officer-bias-report");

        var compare = await bias.OpenCompareAsync();
        await Assertions.Expect(compare.Heading).ToContainTextAsync($"{Model} v{Candidate}");
        await Assertions.Expect(compare.Heading).ToContainTextAsync("vs v1");
        await Assertions.Expect(compare.Section("Metrics")).ToBeVisibleAsync();
        await Assertions.Expect(compare.Section("Gate results")).ToBeVisibleAsync();
        await _shots.SaveAsync(page, "09-officer-compare-with-production");

        var inbox = new ApprovalsPage(page);
        await inbox.GotoAsync();
        await Assertions.Expect(inbox.Request(Model, Candidate)).ToContainTextAsync(LoopPortalFixture.EngineerAna);
        await inbox.DecideAsync(Model, Candidate, "Approve", "Bias report within the policy band; no regression against v1.");
        await Assertions.Expect(inbox.Confirmation).ToContainTextAsync("it is now pending");
        await Assertions.Expect(inbox.Decisions(Model, Candidate)).ToHaveCountAsync(1);
        await Assertions.Expect(inbox.Decisions(Model, Candidate).First).ToContainTextAsync(LoopPortalFixture.OfficerCho);
        await _shots.SaveAsync(page, "10-officer-approved");
    }

    /// <summary>eng-ben, who did not start the run, gives the second approval; the candidate is released.</summary>
    private async Task SecondEngineerApprovesAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.EngineerBen, "/approvals");
        await using var _ = context;
        var inbox = new ApprovalsPage(page);
        await inbox.GotoAsync();
        await inbox.DecideAsync(Model, Candidate, "Approve", "Training run and evaluation reproduced from the logs.");
        await Assertions.Expect(inbox.Confirmation).ToContainTextAsync("it is now approved");
        await Assertions.Expect(inbox.StatusOf(Model, Candidate)).ToHaveTextAsync("Approved");
        await Assertions.Expect(inbox.Decisions(Model, Candidate)).ToHaveCountAsync(2);
        await _shots.SaveAsync(page, "11-second-engineer-approved");

        var request = await loop.RequestOfAsync(Candidate);
        Assert.Equal(ApprovalStatus.Approved, request.Status);
        Assert.Equal([LoopPortalFixture.OfficerCho, LoopPortalFixture.EngineerBen], request.Decisions.Select(d => d.UserName));
        var versions = await loop.VersionsAsync();
        Assert.Equal(ModelStage.Production, Assert.Single(versions, v => v.Number == Candidate).Stage);
        Assert.Equal(ModelStage.Archived, Assert.Single(versions, v => v.Number == 1).Stage);
    }

    /// <summary>The overview shows the new production version; the audit explorer holds the whole release.</summary>
    private async Task PromotionIsOnOverviewAndInAuditAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.OfficerCho, "/");
        await using var _ = context;
        var overview = new OverviewPage(page);
        await overview.GotoAsync();
        await Assertions.Expect(overview.ProductionOf(Model)).ToHaveTextAsync($"v{Candidate}");
        await Assertions.Expect(overview.ApprovalItem(Model, Candidate)).ToHaveCountAsync(0);
        await _shots.SaveAsync(page, "12-overview-after-promotion");

        var subject = $"model-version:{Model}/{Candidate}";
        await page.GotoAsync($"audit?prefix={Uri.EscapeDataString($"{Model}/{Candidate}")}");
        var audit = new AuditPage(page);
        await Assertions.Expect(audit.Heading).ToBeVisibleAsync();
        foreach (var action in new[] { "version.registered", "training.succeeded", "evaluation.recorded", "bias.recorded", "gates.evaluated" })
        {
            await Assertions.Expect(audit.EventRows(action, subject)).ToHaveCountAsync(1);
        }
        await Assertions.Expect(audit.EventRows("version.stage-changed", subject).Filter(new() { HasText = "Production" })).ToHaveCountAsync(1);
        // The version's timeline also carries its approval request's events.
        var request = await loop.RequestOfAsync(Candidate);
        var approval = $"approval-request:{request.Id}";
        await Assertions.Expect(audit.EventRows("approval.requested", approval)).ToHaveCountAsync(1);
        await Assertions.Expect(audit.EventRows("approval.decided", approval)).ToHaveCountAsync(2);
        await _shots.SaveAsync(page, "13-audit-candidate-timeline");

        await page.GotoAsync($"audit?subject={Uri.EscapeDataString(approval)}");
        await Assertions.Expect(audit.EventRows("approval.requested", approval)).ToHaveCountAsync(1);
        await Assertions.Expect(audit.EventRows("approval.decided", approval)).ToHaveCountAsync(2);
        await _shots.SaveAsync(page, "14-audit-approval-decisions");

        // The released version's technical documentation, generated from the registry.
        await page.GotoAsync($"models/{Model}/versions/{Candidate}/card");
        var card = new ModelCardPage(page);
        await Assertions.Expect(card.Heading).ToContainTextAsync(Model);
        await Assertions.Expect(card.Document).ToContainTextAsync(LoopPortalFixture.OfficerCho);
        await _shots.SaveAsync(page, "15-model-card-of-the-release");
    }
}
