using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Governance.Web.Tests.Infrastructure;

/// <summary>A cookie-keeping client that fills in forms the way a browser without JavaScript does.</summary>
public sealed partial class BrowserSession(GovernanceApp app)
{
    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public async Task<string> AntiforgeryTokenAsync(string page)
    {
        var html = await Client.GetStringAsync(page);
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {page}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts the sign-in form with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string? returnUrl = null)
    {
        var token = await AntiforgeryTokenAsync("/account/sign-in");
        return await Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.ReturnUrl"] = returnUrl ?? "",
        }));
    }
}
