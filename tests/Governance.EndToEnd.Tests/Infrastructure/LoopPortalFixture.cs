using Governance.Data;
using Governance.Data.Access;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Evidence;
using Governance.Domain.Jobs;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Demo;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A running loop for the release walkthrough: the portal with its scheduler in-process
/// (<see cref="PortalHost"/> with <see cref="LoopPortalSettings"/>), the people of the walkthrough, and model <see cref="ModelName"/> with
/// version 1 in production (trained by the scheduler, approved by two other people) and newly labelled mail
/// in its training data, so the next retrain registers version 2 and compares it with version 1.
/// </summary>
public sealed class LoopPortalFixture : IAsyncLifetime
{
    public const string ModelName = "support-triage";
    /// <summary>A second model with a hand-registered version whose approval stays pending (for access tests).</summary>
    public const string PendingModel = "ticket-router";
    public const string EngineerAna = "eng-ana";
    public const string EngineerBen = "eng-ben";
    public const string OfficerCho = "officer-cho";
    public const string ViewerVic = "viewer-vic";
    public const string Password = "E2e-Loop-Passw0rd!";

    /// <summary>The people who released version 1, before the walkthrough.</summary>
    public const string BootstrapEngineer = "eng-dan";
    public const string BootstrapOfficer = "officer-eve";

    // A bound for a loaded 2-core CI machine (a tiny retrain takes seconds), not a timing assertion.
    public static readonly TimeSpan RunBound = TimeSpan.FromSeconds(150);

    private IPlaywright? _playwright;

    public PortalHost Host { get; } = new(extraSettings: LoopPortalSettings.With());

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The scheduler's retrain that produced version 1 of <see cref="ModelName"/>.</summary>
    public Guid BootstrapRunId { get; private set; }

    /// <summary>A retrain of <see cref="PendingModel"/>, which has no training data: it failed, so its page offers Retry to engineers.</summary>
    public Guid FailedRunId { get; private set; }

    /// <summary>The pending approval request of <see cref="PendingModel"/> v1 (nobody decides on it).</summary>
    public Guid PendingRequestId { get; private set; }

    public async Task InitializeAsync()
    {
        Host.Start();
        await SeedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A context with JavaScript off (the portal must work as plain HTML), laptop-sized, UTC.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        // Bounds hangs on a loaded machine (password hashing + a training run on the same 2 cores).
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>A fresh context (own cookies) signed in as <paramref name="userName"/>, on <paramref name="returnUrl"/>.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string userName, string returnUrl = "/")
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await new PageObjects.SignInPage(page).SignInAsync(userName, Password);
        return (context, page);
    }

    /// <summary>Runs <paramref name="action"/> with a fresh DI scope of the portal.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>The versions of <see cref="ModelName"/>, newest first.</summary>
    public Task<IReadOnlyList<ModelVersion>> VersionsAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<ModelRegistry>().ListVersionsAsync(ModelName, default));

    /// <summary>The approval request of version <paramref name="number"/> of <see cref="ModelName"/>.</summary>
    public Task<ApprovalRequest> RequestOfAsync(int number) => InScopeAsync(async sp =>
    {
        var version = await sp.GetRequiredService<ModelRegistry>().GetVersionAsync(ModelName, number)
            ?? throw new InvalidOperationException($"{ModelName} has no version {number}.");
        return await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.ModelVersionId == version.Id);
    });

    /// <summary>Polls a run (through the services, not a page) until it ends; fails with its error if it ends otherwise than <paramref name="expected"/>.</summary>
    public async Task<JobRun> WaitForRunAsync(Guid runId, JobRunStatus expected = JobRunStatus.Succeeded)
    {
        var deadline = DateTime.UtcNow + RunBound;
        while (true)
        {
            var run = await InScopeAsync(sp => sp.GetRequiredService<JobRuns>().GetAsync(runId))
                ?? throw new InvalidOperationException($"Run {runId} does not exist.");
            if (run.Status == expected)
            {
                return run;
            }
            if (run.Status is JobRunStatus.Succeeded or JobRunStatus.Failed or JobRunStatus.Cancelled || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Run {runId} is {run.Status}, not {expected} ({run.StatusLine}): {run.Error}");
            }
            await Task.Delay(250);
        }
    }

    private async Task SeedAsync()
    {
        await InScopeAsync<object?>(async sp =>
        {
            var users = sp.GetRequiredService<UserAdministration>();
            await users.CreateUserAsync(EngineerAna, "Ana Engineer", null, Password, [Roles.MLEngineer], Actor.System);
            await users.CreateUserAsync(EngineerBen, "Ben Engineer", null, Password, [Roles.MLEngineer], Actor.System);
            await users.CreateUserAsync(OfficerCho, "Cho Compliance", null, Password, [Roles.ComplianceOfficer], Actor.System);
            await users.CreateUserAsync(ViewerVic, "Vic Viewer", null, Password, [Roles.Viewer], Actor.System);
            await sp.GetRequiredService<ModelRegistry>().RegisterModelAsync(new ModelDraft(ModelName, "text-classification", "customer support",
                "Support operations", RiskTier.Limited,
                IntendedUse: "Flags likely spam in the support inbox for review before an agent reads it.",
                Description: "Small encoder classifier retrained by the governance loop on labelled support mail.",
                SensitiveAttributes: [SpamTriageRows.SenderCcTld, SpamTriageRows.NonAscii]), Actor.System, default);
            await sp.GetRequiredService<SetReleasePolicy>().RunAsync(ModelName, ReleasePolicy.Default, Actor.System, default);
            await sp.GetRequiredService<SnapshotTrainingData>().RunAsync(ModelName, SupportMail.Rows(400, 1, "mail"), Actor.System, "labelled support mail", default);
            // What the Jobs page shows: a monthly retrain in Berlin time, and a drift check that is paused (a scheduled
            // fire during a test run must not start a second job beside the walkthrough's).
            var schedules = sp.GetRequiredService<Schedules>();
            await schedules.SetAsync(ModelName, JobKind.Retrain, "0 0 3 1 * ?", "Europe/Berlin", enabled: true, Actor.User(BootstrapEngineer));
            await schedules.SetAsync(ModelName, JobKind.DriftCheck, "0 0 4 * * ?", "UTC", enabled: false, Actor.User(BootstrapEngineer));
            return null;
        });

        // Version 1: a scheduled retrain, approved by an engineer and an officer who are not in the walkthrough.
        var run = await InScopeAsync(sp => sp.GetRequiredService<JobRuns>()
            .StartAsync(JobKind.Retrain, ModelName, JobRunTrigger.Schedule, Actor.System));
        BootstrapRunId = run.Id;
        await WaitForRunAsync(run.Id);
        var request = await RequestOfAsync(1);
        await InScopeAsync(sp => sp.GetRequiredService<Decide>().RunAsync(request.Id, BootstrapEngineer, [Roles.MLEngineer],
            ApprovalVerdict.Approve, "First release: evaluation and bias report reviewed.", default));
        await InScopeAsync(sp => sp.GetRequiredService<Decide>().RunAsync(request.Id, BootstrapOfficer, [Roles.ComplianceOfficer],
            ApprovalVerdict.Approve, "Fairness within policy; model card complete.", default));
        var versions = await VersionsAsync();
        if (versions is not [{ Number: 1, Stage: ModelStage.Production }])
        {
            throw new InvalidOperationException("Version 1 did not reach production: " + string.Join(", ", versions.Select(v => $"v{v.Number} {v.Stage}")));
        }

        // Newly labelled mail since: the walkthrough's retrain trains on it (a new dataset version).
        await InScopeAsync(sp => sp.GetRequiredService<SnapshotTrainingData>()
            .RunAsync(ModelName, SupportMail.Rows(120, 2, "feedback"), Actor.User(BootstrapEngineer), "agent feedback", default));
        PendingRequestId = await SeedPendingRequestAsync();
        var failed = await InScopeAsync(sp => sp.GetRequiredService<JobRuns>()
            .StartAsync(JobKind.Retrain, PendingModel, JobRunTrigger.Manual, Actor.User(BootstrapEngineer)));
        FailedRunId = failed.Id;
        await WaitForRunAsync(failed.Id, JobRunStatus.Failed);
    }

    /// <summary>
    /// A version registered by hand with an approval request opened on it directly (no training, no gates): a
    /// pending request that no walkthrough step decides, so access tests do not depend on the walkthrough's order.
    /// </summary>
    private Task<Guid> SeedPendingRequestAsync() => InScopeAsync(async sp =>
    {
        var registry = sp.GetRequiredService<ModelRegistry>();
        var engineer = Actor.User(BootstrapEngineer);
        await registry.RegisterModelAsync(new ModelDraft(PendingModel, "document-routing", "customer support", "Support operations", RiskTier.Minimal), engineer);
        await using var artifact = new MemoryStream("router weights"u8.ToArray());
        var version = await registry.RegisterVersionWithArtifactAsync(PendingModel, new VersionDraft(Seed: 7, CodeVersion: "git:1a2b3c4"), artifact, 1 << 20, engineer);
        const string evidence = """{"note":"registered by hand for the access tests"}""";
        var request = ApprovalRequest.Open(version.Id, BootstrapEngineer, ReleasePolicy.Default, evidence, EvidenceHash.Of(evidence),
            sp.GetRequiredService<TimeProvider>().GetUtcNow());
        var db = sp.GetRequiredService<GovernanceDbContext>();
        db.ApprovalRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Host.Dispose();
    }
}
