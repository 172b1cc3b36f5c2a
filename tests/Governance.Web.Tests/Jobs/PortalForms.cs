using System.Net;
using System.Text.RegularExpressions;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.Jobs;

/// <summary>Signed-in browser sessions and form posts the way a browser without JavaScript sends them.</summary>
public static partial class PortalForms
{
    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Signs in an existing user (by name) or a new one holding <paramref name="roleOrUser"/>; returns the session and the user name.</summary>
    public static async Task<(BrowserSession Session, string UserName)> SignedInAsync(GovernanceApp app, string roleOrUser)
    {
        var name = roleOrUser;
        if (Roles.All.Contains(roleOrUser))
        {
            name = Unique(roleOrUser.ToLowerInvariant());
            await app.ClientWithTokenAsync(name, roleOrUser);
        }
        var session = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(name, "Password-for-" + name + "-1")).StatusCode);
        return (session, name);
    }

    /// <summary>Posts form <paramref name="formName"/> on <paramref name="page"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(BrowserSession session, string page, string formName, Dictionary<string, string>? fields = null)
    {
        var token = await session.AntiforgeryTokenAsync(page);
        var body = new Dictionary<string, string>(fields ?? []) { ["_handler"] = formName, ["__RequestVerificationToken"] = token };
        return await session.Client.PostAsync(page, new FormUrlEncodedContent(body));
    }

    /// <summary>The run id of a redirect to <c>jobs/runs/{id}</c>.</summary>
    public static Guid RunIdOf(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var match = RunLink().Match(redirect.Headers.Location!.ToString());
        Assert.True(match.Success, $"Not a run page: {redirect.Headers.Location}");
        return Guid.Parse(match.Groups[1].Value);
    }

    public static async Task<string> HtmlAsync(BrowserSession session, string page, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await session.Client.GetAsync(page);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(expected == response.StatusCode, $"{page} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    [GeneratedRegex("jobs/runs/([0-9a-f-]{36})")]
    private static partial Regex RunLink();
}
