using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Data.Access;
using Governance.Domain.Access;
using Governance.Domain.Releases;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.Evidence;

/// <summary>
/// A portal whose evidence came from the real loop on the SpamAssassin demo model: retrain (v1), two other
/// people approve it into production, retrain again with another seed (v2, evaluated against v1), then a drift check of the
/// newer mail groups against v1's training data. All through the API with tokens, as automation would.
/// The release policy is relaxed (macro-F1 at least 0.5) because the tiny encoder trained in seconds is
/// no spam filter; the point is the evidence it leaves.
/// </summary>
public sealed class EvidencePortalFixture : IAsyncLifetime
{
    public const string Model = DemoSeeder.ModelName;
    public const string ViewerName = "vera-viewer";
    public const string OfficerName = "olga-officer";
    public const string Password = "E2e-Evidence-Passw0rd!";

    private IPlaywright? _playwright;

    /// <summary>
    /// The loop host with a model large enough for the SpamAssassin demo mail (vocabulary 400 on 32 tokens),
    /// so a retrain finishes in well under a minute and still separates spam from ham.
    /// </summary>
    public PortalHost Host { get; } = new(extraSettings: LoopPortalSettings.With(new Dictionary<string, string>
    {
        ["Demo:Seed"] = "false",
        ["Loop:MinimumGroupSize"] = "30",
        ["Loop:DefaultTraining:VocabSize"] = "400",
        ["Loop:DefaultTraining:MaxLength"] = "32",
        ["Loop:DefaultTraining:Epochs"] = "2",
        ["Loop:DefaultTraining:BatchSize"] = "32",
        ["Loop:DefaultTraining:CheckpointEverySteps"] = "20",
    }));

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.Start();
        HttpClient first, second, officer;
        string reseeded;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            Assert.True(await sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(null, default), "The demo model was not seeded (is node_modules there?).");
            await sp.GetRequiredService<SetReleasePolicy>().RunAsync(Model, DemoSeeder.Policy with
            {
                Gates =
                [
                    new GateRule(GateKind.MinimumMetric, "macro_f1", 0.5),
                    new GateRule(GateKind.NoRegression, "macro_f1", 0.5, Confidence: 0.95),
                    new GateRule(GateKind.EqualizedOddsGap, Threshold: 1.0),
                    new GateRule(GateKind.NoUnresolvedDrift),
                ],
            }, Actor.System, default);
            var users = sp.GetRequiredService<UserAdministration>();
            await users.CreateUserAsync(ViewerName, "Vera Viewer", null, Password, [Roles.Viewer], Actor.System);
            await users.CreateUserAsync(OfficerName, "Olga Officer", null, Password, [Roles.ComplianceOfficer], Actor.System);
            first = await ClientAsync(sp, "eve-engineer", Roles.MLEngineer);
            second = await ClientAsync(sp, "ed-engineer", Roles.MLEngineer);
            officer = await ClientAsync(sp, OfficerName, Roles.ComplianceOfficer, create: false);
            // Another seed for v2, so the comparison has differences to show (same data and seed train the same weights).
            reseeded = (sp.GetRequiredService<LoopOptions>().DefaultTraining with { Seed = 7 }).ToJson();
        }
        await RunAsync(first, "Retrain");
        var decisions = $"api/v1/approvals/{await PendingAsync(first, 1)}/decisions";
        (await second.PostAsJsonAsync(decisions, new { verdict = "Approve", reason = "metrics fine" })).EnsureSuccessStatusCode();
        (await officer.PostAsJsonAsync(decisions, new { verdict = "Approve", reason = "bias report reviewed" })).EnsureSuccessStatusCode();
        // The promotion starts a drift check of its own (the model has incoming data); let it finish first.
        await AutomaticDriftCheckAsync(first);
        await RunAsync(second, "Retrain", new Dictionary<string, string> { ["spec"] = reseeded });
        await RunAsync(first, "DriftCheck");

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A context with JavaScript off, signed in as <paramref name="userName"/>, on the model's page.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"account/sign-in?ReturnUrl=%2Fmodels%2F{Model}");
        await new PageObjects.SignInPage(page).SignInAsync(userName, Password);
        return (context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Host.Dispose();
    }

    private async Task<HttpClient> ClientAsync(IServiceProvider sp, string userName, string role, bool create = true)
    {
        if (create)
        {
            await sp.GetRequiredService<UserAdministration>().CreateUserAsync(userName, userName, null, Password, [role], Actor.System);
        }
        var token = await sp.GetRequiredService<AccessAdministration>().IssueTokenAsync($"{userName}-token", userName, role, null, Actor.System);
        var client = new HttpClient { BaseAddress = Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return client;
    }

    /// <summary>Starts a run of the model now and waits until it succeeded (fails at once on another final state).</summary>
    private static async Task RunAsync(HttpClient client, string kind, Dictionary<string, string>? parameters = null)
    {
        var started = await client.PostAsJsonAsync($"api/v1/models/{Model}/runs", new { kind, parameters = parameters ?? [] });
        started.EnsureSuccessStatusCode();
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // A bound for a loaded CI machine, not a timing assertion.
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"api/v1/runs/{id}");
            var status = run.GetProperty("status").GetString();
            if (status == "Succeeded")
            {
                return;
            }
            Assert.False(status is "Failed" or "Cancelled", $"{kind} run {id} ended {status}: {run}");
            Assert.True(DateTime.UtcNow < deadline, $"{kind} run {id} is still {status}.");
            await Task.Delay(500);
        }
    }

    private static async Task AutomaticDriftCheckAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"api/v1/runs?model={Model}&kind=DriftCheck");
            var statuses = page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
            if (statuses.Count > 0 && statuses.All(s => s is "Succeeded" or "Failed" or "Cancelled"))
            {
                Assert.All(statuses, s => Assert.Equal("Succeeded", s));
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The drift check after the promotion did not finish: {page}");
            await Task.Delay(500);
        }
    }

    private static async Task<Guid> PendingAsync(HttpClient client, int version)
    {
        var inbox = await client.GetFromJsonAsync<JsonElement>("api/v1/approvals?status=Pending");
        return inbox.EnumerateArray().Single(r => r.GetProperty("model").GetString() == Model && r.GetProperty("version").GetInt32() == version)
            .GetProperty("id").GetGuid();
    }
}

/// <summary>The evidence walkthrough has a portal of its own (it trains), run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class EvidencePortalCollection : ICollectionFixture<EvidencePortalFixture>
{
    public const string Name = "evidence-portal";
}
