using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
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
        var runId = await EngineerStartsRetrainAsync();
        await EngineerWatchesRunFinishAsync(runId);
        await InitiatorIsRefusedAsync();
        await OfficerReviewsAndApprovesAsync();
        await SecondEngineerApprovesAsync();
        await PromotionIsOnOverviewAndInAuditAsync();
    }

    /// <summary>eng-ana starts a retrain of the model.</summary>
    private async Task<Guid> EngineerStartsRetrainAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.EngineerAna, $"/models/{Model}");
        await using var _ = context;
        var model = new ModelDetailPage(page);
        await Assertions.Expect(model.StageOf(1)).ToHaveTextAsync("Production");
        await _shots.SaveAsync(page, "01-engineer-model-before-retrain");

        // TODO(jobs2): press "Run now" for the model on /jobs (PageObjects/JobsPage) once the Jobs page is in main;
        // until then the run is started through the REST API with eng-ana's own token (same initiator, same path).
        using var api = await loop.ApiClientAsync(LoopPortalFixture.EngineerAna, Roles.MLEngineer);
        var response = await api.PostAsJsonAsync($"api/v1/models/{Model}/runs", new { kind = "Retrain" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var runId = body.RootElement.GetProperty("id").GetGuid();
        output.WriteLine($"Retrain run {runId} started by {LoopPortalFixture.EngineerAna}");
        return runId;
    }

    /// <summary>eng-ana follows the run until it has succeeded and the candidate waits for approval.</summary>
    private async Task EngineerWatchesRunFinishAsync(Guid runId)
    {
        // TODO(jobs2): follow the run page's Refresh link (/jobs/runs/{id}, JavaScript off) until "Succeeded".
        var run = await loop.WaitForRunAsync(runId);
        Assert.Equal(LoopPortalFixture.EngineerAna, run.Initiator);

        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.EngineerAna, $"/models/{Model}");
        await using var _ = context;
        var model = new ModelDetailPage(page);
        await Assertions.Expect(model.StageOf(Candidate)).ToHaveTextAsync("Staging");
        await Assertions.Expect(model.StageOf(1)).ToHaveTextAsync("Production");
        await _shots.SaveAsync(page, "02-engineer-candidate-in-staging");
    }

    /// <summary>eng-ana started the run, so her approval is refused with the four-eyes rule and nothing is recorded.</summary>
    private async Task InitiatorIsRefusedAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.EngineerAna, "/approvals");
        await using var _ = context;
        var inbox = new ApprovalsPage(page);
        await inbox.GotoAsync("Pending");
        await Assertions.Expect(inbox.StatusOf(Model, Candidate)).ToHaveTextAsync("Pending");
        await inbox.DecideAsync(Model, Candidate, "Approve", "Looks good to me.");
        await Assertions.Expect(inbox.Refusal).ToContainTextAsync("Four-eyes rule");
        await Assertions.Expect(inbox.Refusal).ToContainTextAsync("started the run");
        await Assertions.Expect(inbox.Decisions(Model, Candidate)).ToHaveCountAsync(0);
        await _shots.SaveAsync(page, "03-initiator-refused-four-eyes");
        Assert.Empty((await loop.RequestOfAsync(Candidate)).Decisions);
    }

    /// <summary>officer-cho reads the overview and the candidate's evidence, then approves with a reason.</summary>
    private async Task OfficerReviewsAndApprovesAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.OfficerCho, "/");
        await using var _ = context;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await _shots.SaveAsync(page, "04-officer-overview");

        // TODO(evidence2): the bias report (/models/{name}/versions/{n}/bias) and the comparison with production
        // (/models/{name}/versions/{n}/compare) are reviewed here once those pages are in main.

        var inbox = new ApprovalsPage(page);
        await inbox.GotoAsync("Pending");
        await Assertions.Expect(inbox.Request(Model, Candidate)).ToContainTextAsync(LoopPortalFixture.EngineerAna);
        await _shots.SaveAsync(page, "05-officer-approvals-inbox");
        await inbox.DecideAsync(Model, Candidate, "Approve", "Bias report within the policy band; no regression against v1.");
        await Assertions.Expect(inbox.Confirmation).ToContainTextAsync("it is now pending");
        await Assertions.Expect(inbox.Decisions(Model, Candidate)).ToHaveCountAsync(1);
        await Assertions.Expect(inbox.Decisions(Model, Candidate).First).ToContainTextAsync(LoopPortalFixture.OfficerCho);
        await _shots.SaveAsync(page, "06-officer-approved");
    }

    /// <summary>eng-ben, who did not start the run, gives the second approval; the candidate is released.</summary>
    private async Task SecondEngineerApprovesAsync()
    {
        var (context, page) = await loop.SignedInAsync(LoopPortalFixture.EngineerBen, "/approvals");
        await using var _ = context;
        var inbox = new ApprovalsPage(page);
        await inbox.GotoAsync("Pending");
        await inbox.DecideAsync(Model, Candidate, "Approve", "Training run and evaluation reproduced from the logs.");
        await Assertions.Expect(inbox.Confirmation).ToContainTextAsync("it is now approved");
        await Assertions.Expect(inbox.StatusOf(Model, Candidate)).ToHaveTextAsync("Approved");
        await Assertions.Expect(inbox.Decisions(Model, Candidate)).ToHaveCountAsync(2);
        await _shots.SaveAsync(page, "07-second-engineer-approved");

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
        // TODO(overview): assert the model's production version on the overview once it lists models.
        await _shots.SaveAsync(page, "08-overview-after-promotion");
        await page.GotoAsync($"models/{Model}");
        var model = new ModelDetailPage(page);
        await Assertions.Expect(model.StageOf(Candidate)).ToHaveTextAsync("Production");
        await Assertions.Expect(model.StageOf(1)).ToHaveTextAsync("Archived");
        await _shots.SaveAsync(page, "09-model-after-promotion");

        var subject = $"model-version:{Model}/{Candidate}";
        await page.GotoAsync($"audit?prefix={Uri.EscapeDataString($"{Model}/{Candidate}")}");
        var audit = new AuditPage(page);
        await Assertions.Expect(audit.Heading).ToBeVisibleAsync();
        foreach (var action in new[] { "version.registered", "training.succeeded", "evaluation.recorded", "bias.recorded", "gates.evaluated" })
        {
            await Assertions.Expect(audit.EventRows(action, subject)).ToHaveCountAsync(1);
        }
        await Assertions.Expect(audit.EventRows("version.stage-changed", subject).Filter(new() { HasText = "Production" })).ToHaveCountAsync(1);
        await _shots.SaveAsync(page, "10-audit-candidate-timeline");

        var request = await loop.RequestOfAsync(Candidate);
        var approval = $"approval-request:{request.Id}";
        await page.GotoAsync($"audit?subject={Uri.EscapeDataString(approval)}");
        await Assertions.Expect(audit.EventRows("approval.requested", approval)).ToHaveCountAsync(1);
        await Assertions.Expect(audit.EventRows("approval.decided", approval)).ToHaveCountAsync(2);
        await _shots.SaveAsync(page, "11-audit-approval-decisions");
    }
}
