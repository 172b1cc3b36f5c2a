using System.Net;
using Governance.Domain.Access;
using Governance.Pipelines.UseCases;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Evidence;

/// <summary>
/// The real loop, once for the evidence page tests: a retrain produces v1, two other people approve it into
/// production, a second retrain produces v2 (evaluated against v1 with paired tests, bias report, gates), new
/// mail arrives and a drift check compares it with v1's training data. Everything goes through the API.
/// </summary>
public sealed class EvidenceFixture : IAsyncLifetime
{
    private readonly LoopAppFixture _loop = new();

    public GovernanceApp App => _loop.App;

    public string Model { get; } = "evidence-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A model with no version, for empty states.</summary>
    public string EmptyModel { get; } = "bare-" + Guid.NewGuid().ToString("N")[..8];

    public Guid DriftReportId { get; private set; }

    public async Task InitializeAsync()
    {
        await _loop.InitializeAsync();
        await _loop.SeedModelAsync(Model);
        await _loop.SeedModelAsync(EmptyModel);
        var (first, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (second, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (officer, _) = await App.ClientWithTokenAsync(Unique("officer"), Roles.ComplianceOfficer);

        await RetrainAsync(first);
        var request = await LoopPolling.PendingRequestAsync(first, Model, 1);
        var decisions = $"/api/v1/approvals/{request.GetProperty("id").GetGuid()}/decisions";
        await (await second.PostJsonAsync(decisions, new { verdict = "Approve", reason = "metrics fine" })).ReadAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync(decisions, new { verdict = "Approve", reason = "bias report ok" })).ReadAsync(HttpStatusCode.OK);

        await RetrainAsync(second);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SnapshotTrainingData>().RegisterAsync(LoopStore.IncomingDataset(Model),
                SyntheticRows.Create(200, 7), Actor.System, "synthetic", "newly arrived mail", default);
        }
        var drift = await (await first.PostJsonAsync($"/api/v1/models/{Model}/runs", new { kind = "DriftCheck" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(first, drift.GetProperty("id").GetGuid(), "Succeeded");
        DriftReportId = await App.WithDbAsync(async db =>
        {
            var modelId = (await db.Models.SingleAsync(m => m.Name == Model)).Id;
            return (await db.DriftReports.SingleAsync(d => d.ModelId == modelId)).Id;
        });
    }

    public Task DisposeAsync() => _loop.DisposeAsync();

    /// <summary>A cookie session of a new user holding <paramref name="role"/>.</summary>
    public async Task<BrowserSession> SignedInAsync(string role)
    {
        var name = Unique("u");
        await App.ClientWithTokenAsync(name, role);
        var session = new BrowserSession(App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(name, "Password-for-" + name + "-1")).StatusCode);
        return session;
    }

    private async Task RetrainAsync(HttpClient client)
    {
        var run = await (await client.PostJsonAsync($"/api/v1/models/{Model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(client, run.GetProperty("id").GetGuid(), "Succeeded");
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
