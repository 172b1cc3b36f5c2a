using System.Net;
using System.Text.RegularExpressions;
using Governance.Data.Access;
using Governance.Domain.Access;
using Governance.Web.Auth;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests;

/// <summary>The first admin: a configured password, or a generated one printed once to the operator's console.</summary>
public sealed partial class AdminBootstrapTests
{
    [GeneratedRegex(@"Admin password: (\S+)")]
    private static partial Regex PrintedPassword();

    [Fact]
    public async Task The_configured_password_signs_the_admin_in_and_nothing_is_printed()
    {
        using var dir = new TempDirectory();
        await using var app = new GovernanceApp(GovernanceApp.SqliteSettings(dir.Path));
        var response = await new BrowserSession(app).SignInAsync(AdminBootstrap.AdminUserName, GovernanceApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Admin password", app.OperatorOutput.ToString());
        var created = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "user.created"));
        Assert.Equal("system:system", created.Actor);
        Assert.Equal("admin", created.SubjectId);

        // The only admin cannot take away their own Admin role.
        string secret;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var issued = await scope.ServiceProvider.GetRequiredService<AccessAdministration>()
                .IssueTokenAsync("admin-cli", "admin", Roles.Admin, null, Actor.System);
            secret = issued.Secret;
        }
        var detail = await (await app.BearerClient(secret).PutAsync("/api/v1/users/admin/roles",
            System.Net.Http.Json.JsonContent.Create(new { roles = new[] { Roles.Viewer } }))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("last Admin", detail);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Without_a_configured_password_one_is_generated_printed_once_and_works()
    {
        using var dir = new TempDirectory();
        var settings = GovernanceApp.SqliteSettings(dir.Path);
        settings.Remove(AdminBootstrap.PasswordKey);
        string password;
        await using (var first = new GovernanceApp(settings))
        {
            _ = first.Server;
            var match = PrintedPassword().Match(first.OperatorOutput.ToString());
            Assert.True(match.Success, "No generated password was printed: " + first.OperatorOutput);
            password = match.Groups[1].Value;
            Assert.True(password.Length >= 20);
            var wrong = await new BrowserSession(first).SignInAsync("admin", GovernanceApp.AdminPassword);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // form shown again with an error: no default password
        }
        await using (var second = new GovernanceApp(settings))
        {
            var response = await new BrowserSession(second).SignInAsync("admin", password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.DoesNotContain("Admin password", second.OperatorOutput.ToString());
            Assert.Equal(1, await second.WithDbAsync(db => db.Users.CountAsync()));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_configured_password_that_breaks_the_rules_stops_the_start_with_the_reason()
    {
        using var dir = new TempDirectory();
        var settings = GovernanceApp.SqliteSettings(dir.Path);
        settings[AdminBootstrap.PasswordKey] = "short";
        await using var app = new GovernanceApp(settings);
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(AdminBootstrap.PasswordKey, messages);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }
}
