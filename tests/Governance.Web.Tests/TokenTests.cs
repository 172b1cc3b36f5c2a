using System.Net;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Tests;

/// <summary>API tokens: shown once, hashed at rest, scoped to a held role, revocable; all audited.</summary>
public sealed class TokenTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task An_issued_secret_is_shown_once_stored_only_as_a_hash_and_rejected_after_revocation()
    {
        var owner = "tok-" + Guid.NewGuid().ToString("N")[..8];
        var (client, _) = await App.ClientWithTokenAsync(owner, Roles.MLEngineer, Roles.MLEngineer, Roles.Viewer);

        var issued = await (await client.PostJsonAsync("/api/v1/tokens", new { name = "ci-bot", role = Roles.MLEngineer })).ReadAsync(HttpStatusCode.Created);
        var secret = issued.GetProperty("secret").GetString()!;
        var id = issued.GetProperty("token").GetProperty("id").GetGuid();
        Assert.StartsWith(ApiToken.SecretPrefix, secret);

        var listed = await (await client.GetAsync("/api/v1/tokens")).ReadAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, listed.GetRawText());
        Assert.DoesNotContain("secretHash", listed.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(listed.EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);

        var stored = await App.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal(ApiToken.HashSecret(secret), stored.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash + stored.DisplayPrefix + stored.Name);

        var bot = App.BearerClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/api/v1/models")).StatusCode);
        await (await client.DeleteAsync($"/api/v1/tokens/{id}")).ReadAsync(HttpStatusCode.OK);
        var detail = await (await bot.GetAsync("/api/v1/models")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", detail);

        var actions = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.SubjectId == id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal(["token.issued", "token.revoked"], actions);
    }

    [Fact]
    public async Task A_token_is_issued_only_for_a_role_its_owner_holds()
    {
        var (viewer, _) = await App.ClientWithTokenAsync("vtok-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        await (await viewer.PostJsonAsync("/api/v1/tokens", new { name = "escalate", role = Roles.Admin })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.PostJsonAsync("/api/v1/tokens", new { name = "bad", role = "Root" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await viewer.PostJsonAsync("/api/v1/tokens", new { name = "mine", role = Roles.Viewer })).ReadAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_revoked_and_unknown_secrets_are_401()
    {
        var (a, _) = await App.ClientWithTokenAsync("ta-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        var (b, _) = await App.ClientWithTokenAsync("tb-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        var issued = await (await a.PostJsonAsync("/api/v1/tokens", new { name = "a2", role = Roles.Viewer })).ReadAsync(HttpStatusCode.Created);
        var id = issued.GetProperty("token").GetProperty("id").GetGuid();
        await (await b.DeleteAsync($"/api/v1/tokens/{id}")).ProblemAsync(HttpStatusCode.NotFound);

        await (await App.BearerClient("gov_" + new string('0', 64)).GetAsync("/api/v1/models")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await App.BearerClient("not-a-governance-token").GetAsync("/api/v1/models")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_creates_users_and_assigns_roles_through_the_api_and_both_are_audited()
    {
        var (admin, _) = await App.ClientWithTokenAsync("adm-" + Guid.NewGuid().ToString("N")[..8], Roles.Admin);
        var name = "new-" + Guid.NewGuid().ToString("N")[..8];
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = name, password = "Initial-password-1", roles = new[] { Roles.Viewer } }))
            .ReadAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = name, password = "Initial-password-1", roles = new[] { Roles.Viewer } }))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = name + "x", password = "short", roles = new[] { Roles.Viewer } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var changed = await (await admin.PutAsync($"/api/v1/users/{name}/roles",
            System.Net.Http.Json.JsonContent.Create(new { roles = new[] { Roles.MLEngineer, Roles.Viewer } }))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2, changed.GetProperty("roles").GetArrayLength());
        var actions = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.SubjectId == name).Select(e => e.Action).ToListAsync());
        Assert.Equal(["user.created", "user.roles-changed"], actions);
    }
}
