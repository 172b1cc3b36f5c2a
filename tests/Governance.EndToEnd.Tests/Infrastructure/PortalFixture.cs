using System.Text;
using Governance.Data;
using Governance.Data.Access;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One running portal and one Chromium for all browser tests, with a small registry seeded through the
/// real <see cref="ModelRegistry"/>: a dataset, a model with a production version and a candidate
/// derived from it. Each test opens its own browser context (own cookies).
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    public const string ModelName = "spam-filter";
    public const string DatasetName = "spam-emails";
    /// <summary>A model of its own for the stage-change test, so the other tests see fixed stages.</summary>
    public const string StageDemoModel = "invoice-router";
    public const string ReviewerName = "reviewer";
    public const string ViewerName = "viewer";
    public const string UserPassword = "E2e-User-Passw0rd!";
    /// <summary>Sign-ins of the reviewer seeded before the registry changes: more than one audit page.</summary>
    public const int SeededSignIns = 60;

    private IPlaywright? _playwright;

    public PortalHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Names screenshots apart when the same walkthrough runs on another database.</summary>
    public virtual string ScreenshotPrefix => "";

    /// <summary>The host on the embedded SQLite default; a subclass may point it elsewhere.</summary>
    protected virtual Task<PortalHost> CreateHostAsync() => Task.FromResult(new PortalHost());

    public async Task InitializeAsync()
    {
        Host = await CreateHostAsync();
        Host.Start();
        await SeedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// A context with JavaScript switched off: the portal must work as plain HTML and forms. The
    /// viewport is a common laptop size so screenshots show what a reviewer sees.
    /// </summary>
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
        // Generous waits: on a loaded 2-core CI machine a password-hashing sign-in plus PostgreSQL round
        // trips has been seen to take over 30 s; this bounds hangs, it does not time the portal.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>A fresh context (own cookies) signed in as <paramref name="userName"/>, on the models page.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string userName, string password)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/sign-in?ReturnUrl=%2Fmodels");
        await new PageObjects.SignInPage(page).SignInAsync(userName, password);
        return (context, page);
    }

    private async Task SeedAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await users.CreateUserAsync(ReviewerName, "Rita Reviewer", null, UserPassword, [Roles.ComplianceOfficer], Actor.System);
        await users.CreateUserAsync(ViewerName, "Victor Viewer", null, UserPassword, [Roles.Viewer], Actor.System);
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        await using (var tx = await db.BeginWriteAsync())
        {
            for (var i = 0; i < SeededSignIns; i++)
            {
                await trail.AppendAsync(new AuditEntry(Actor.User(ReviewerName), AuditActions.SignedIn, "user", ReviewerName, "{}"));
            }
            await tx.CommitAsync();
        }

        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        var engineer = Actor.User(PortalHost.AdminUserName);
        var csv = "text,label\n\"Win a free cruise now\",spam\n\"Minutes of Tuesday's meeting\",ham\n\"Cheap meds, no prescription\",spam\n";
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var dataset = await registry.RegisterDatasetVersionAsync(
            new DatasetDraft(DatasetName, "SpamAssassin public corpus, easy-ham-1 and spam-1", "Labelled e-mails for the spam filter.",
                new DateTimeOffset(2002, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2002, 12, 31, 0, 0, 0, TimeSpan.Zero)),
            DatasetFormat.Csv, content, 1 << 20, engineer);
        await registry.RegisterModelAsync(
            new ModelDraft(ModelName, "text-classification", "email", "Mail platform team", RiskTier.High,
                "Flags unsolicited e-mail before it reaches employees' inboxes; a person reviews the quarantine.",
                "Encoder classifier fine-tuned on the SpamAssassin corpus.", ["sender_cctld"]),
            engineer);
        var v1 = await RegisterWithArtifactAsync(registry, "weights v1",
            new VersionDraft(DatasetVersionId: dataset.Id, Seed: 42, CodeVersion: "git:3f9c2a1"), engineer);
        await registry.ChangeStageAsync(ModelName, v1.Number, ModelStage.Staging, "Evaluation passed the release policy.", engineer);
        await registry.ChangeStageAsync(ModelName, v1.Number, ModelStage.Production, "Approved by ML engineering and compliance.", engineer);
        await RegisterWithArtifactAsync(registry, "weights v2",
            new VersionDraft(ParentVersionId: v1.Id, DatasetVersionId: dataset.Id, Seed: 43, CodeVersion: "git:8d04e7b"), engineer);
        await registry.RegisterModelAsync(
            new ModelDraft(StageDemoModel, "document-routing", "finance", "Accounts payable", RiskTier.Limited), engineer);
        await registry.RegisterVersionAsync(StageDemoModel, new VersionDraft(Seed: 7, CodeVersion: "git:1a2b3c4"), engineer);
    }

    /// <summary>Versions' artifacts must be in the store; a few bytes stand in for the weights.</summary>
    private static async Task<ModelVersion> RegisterWithArtifactAsync(ModelRegistry registry, string weights, VersionDraft draft, Actor actor)
    {
        await using var artifact = new MemoryStream(Encoding.UTF8.GetBytes(weights));
        return await registry.RegisterVersionWithArtifactAsync(ModelName, draft, artifact, 1 << 20, actor);
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Host?.Dispose();
    }
}
