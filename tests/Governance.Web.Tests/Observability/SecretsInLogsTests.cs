using System.Net;
using Governance.Data.Access;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Observability;

/// <summary>With every category at Trace, a sign-in and API calls leave no password or token in the logs.</summary>
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task The_admin_password_and_a_bearer_token_never_appear_in_log_output()
    {
        await using var app = new ObservedApp(IPAddress.Loopback);
        var browser = app.Client();

        // Sign in through the form (wrong password first, then the right one).
        var antiforgery = await AntiforgeryAsync(browser);
        await browser.PostAsync("/account/sign-in", SignInForm(antiforgery, "wrong-" + GovernanceApp.AdminPassword));
        antiforgery = await AntiforgeryAsync(browser);
        var signedIn = await browser.PostAsync("/account/sign-in", SignInForm(antiforgery, GovernanceApp.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/models")).StatusCode);

        // Issue a token and call the API with it: a read, a change, and a bad one.
        string secret;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            secret = (await scope.ServiceProvider.GetRequiredService<AccessAdministration>()
                .IssueTokenAsync("ci-token", "admin", "Admin", null, Actor.System)).Secret;
        }
        var api = app.App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/models")).StatusCode);
        await (await api.PostJsonAsync("/api/v1/models", Json.NewModel("log-check"))).ReadAsync(HttpStatusCode.Created);
        var bad = app.App.CreateClient();
        bad.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret + "tampered");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/v1/models")).StatusCode);

        var logs = app.Logs.AllText();
        Assert.True(app.Logs.Entries.Count > 50, "Expected Trace-level logging to capture the requests.");
        Assert.DoesNotContain(GovernanceApp.AdminPassword, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[..Math.Min(secret.Length, 24)], logs, StringComparison.Ordinal);
    }

    private static async Task<string> AntiforgeryAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/sign-in");
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "No antiforgery token on the sign-in page.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static FormUrlEncodedContent SignInForm(string antiforgery, string password) => new(new Dictionary<string, string>
    {
        ["_handler"] = "sign-in",
        ["__RequestVerificationToken"] = antiforgery,
        ["Input.UserName"] = "admin",
        ["Input.Password"] = password,
        ["Input.ReturnUrl"] = "",
    });
}
