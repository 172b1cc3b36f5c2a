using System.Net;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;

namespace Governance.Web.Tests.ModelCard;

/// <summary>
/// One model through the real loop, once for the class: a retrain (version 1 with data, evaluation, bias
/// report, gates), two approvals by distinct people promoting it, and a bare version 2 registered by hand
/// (no evidence at all), so the card shows both a full record and its gaps.
/// </summary>
public sealed class ModelCardFixture : IAsyncLifetime
{
    private readonly LoopAppFixture _loop = new();

    public GovernanceApp App => _loop.App;

    public string Model { get; } = "card-" + Guid.NewGuid().ToString("N")[..8];

    public const string EngineerReason = "metrics clear the gates";
    public const string OfficerReason = "bias report within band";

    public async Task InitializeAsync()
    {
        await _loop.InitializeAsync();
        await _loop.SeedModelAsync(Model);
        var (initiator, _) = await App.ClientWithTokenAsync(Unique("init"), Roles.MLEngineer);
        var run = await (await initiator.PostJsonAsync($"/api/v1/models/{Model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(initiator, run.GetProperty("id").GetGuid(), "Succeeded");
        var request = await LoopPolling.PendingRequestAsync(initiator, Model, 1);
        var decisions = $"/api/v1/approvals/{request.GetProperty("id").GetGuid()}/decisions";
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (officer, _) = await App.ClientWithTokenAsync(Unique("officer"), Roles.ComplianceOfficer);
        await (await engineer.PostJsonAsync(decisions, new { verdict = "Approve", reason = EngineerReason })).ReadAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync(decisions, new { verdict = "Approve", reason = OfficerReason })).ReadAsync(HttpStatusCode.OK);
        await (await initiator.PostJsonAsync($"/api/v1/models/{Model}/versions", new { })).ReadAsync(HttpStatusCode.Created);
    }

    public Task DisposeAsync() => _loop.DisposeAsync();

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A cookie session of a new user holding <paramref name="role"/>; returns it with the user name.</summary>
    public async Task<(BrowserSession Session, string UserName)> SignedInAsync(string role)
    {
        var name = Unique("u");
        await App.ClientWithTokenAsync(name, role);
        var session = new BrowserSession(App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(name, "Password-for-" + name + "-1")).StatusCode);
        return (session, name);
    }
}
