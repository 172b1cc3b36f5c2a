using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Governance.Deploy.Tests.Local;

/// <summary>
/// The web node's API as an operator reaches it: sign in as the bootstrapped admin through the form, issue an
/// API token on the tokens page (the API refuses cookies for changes), then call /api/v1 with the token.
/// </summary>
internal sealed partial class ClusterApi : IDisposable
{
    private readonly HttpClient _client;

    private ClusterApi(HttpClient client) => _client = client;

    public static async Task<ClusterApi> SignInAsync(Uri baseAddress, string password)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
        var signedIn = await browser.PostAsync("account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "account/sign-in"),
            ["Input.UserName"] = "admin", ["Input.Password"] = password, ["Input.ReturnUrl"] = "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var issued = await browser.PostAsync("account/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "issue-token", ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "account/tokens"),
            ["Issue.Name"] = "local-cluster-test", ["Issue.Role"] = "Admin", ["Issue.ExpiresInDays"] = "1",
        }));
        var page = await issued.Content.ReadAsStringAsync();
        var secret = TokenSecret().Match(page);
        Assert.True(secret.Success, $"No token secret on the tokens page ({(int)issued.StatusCode}).");
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret.Groups[1].Value);
        return new ClusterApi(client);
    }

    /// <summary>Registers a model and uploads 400 labelled mails as its training dataset ("{model}-training").</summary>
    public async Task SeedModelAsync(string model)
    {
        await ReadAsync(await _client.PostAsJsonAsync("api/v1/models", new
        {
            name = model, task = "text-classification", domain = "email", owner = "operations", riskTier = "Limited",
            intendedUse = "Flag spam for review", sensitiveAttributes = new[] { "sender_cctld" },
        }), HttpStatusCode.Created);
        using var rows = new StringContent(TrainingRows(400), Encoding.UTF8, "application/x-ndjson");
        await ReadAsync(await _client.PostAsync($"api/v1/datasets/{model}-training/versions?source=synthetic", rows), HttpStatusCode.Created);
    }

    public async Task<Guid> StartRetrainAsync(string model) =>
        (await ReadAsync(await _client.PostAsJsonAsync($"api/v1/models/{model}/runs", new { kind = "Retrain" }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    public async Task<JsonElement> RunAsync(Guid runId) => await ReadAsync(await _client.GetAsync($"api/v1/runs/{runId}"), HttpStatusCode.OK);

    public async Task<JsonElement> LogsAsync(Guid runId) => await ReadAsync(await _client.GetAsync($"api/v1/runs/{runId}/logs"), HttpStatusCode.OK);

    public async Task<JsonElement> VersionsAsync(string model) => await ReadAsync(await _client.GetAsync($"api/v1/models/{model}/versions"), HttpStatusCode.OK);

    public async Task<JsonElement> VerifyAuditAsync() => await ReadAsync(await _client.GetAsync("api/v1/audit/verify"), HttpStatusCode.OK);

    /// <summary>Polls the run until <paramref name="done"/>; fails when it ends otherwise or the bound passes.</summary>
    public async Task<JsonElement> WaitForAsync(Guid runId, string what, Func<JsonElement, bool> done, Func<string> context, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var run = await RunAsync(runId);
            if (done(run))
            {
                return run;
            }
            var status = run.GetProperty("status").GetString();
            Assert.False(status is "Succeeded" or "Failed" or "Cancelled", $"Run ended {status} before '{what}': {run}\n{context()}");
            Assert.True(DateTime.UtcNow < deadline, $"Run is not '{what}' within {bound}: {run}\n{context()}");
            await Task.Delay(100);
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string> AntiforgeryAsync(HttpClient browser, string page)
    {
        var match = Antiforgery().Match(await browser.GetStringAsync(page));
        Assert.True(match.Success, $"No antiforgery token on /{page}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Short mails a tiny model separates quickly: ham and spam draw from different words.</summary>
    private static string TrainingRows(int count)
    {
        string[] ham = ["meeting", "agenda", "project", "report", "schedule", "review", "lunch", "team", "notes", "draft"];
        string[] spam = ["free", "winner", "prize", "click", "offer", "cash", "urgent", "lottery", "credit", "bonus"];
        string[] filler = ["the", "a", "for", "you", "please", "today", "our", "this", "with", "and"];
        var random = new Random(7);
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var isSpam = i % 2 == 1;
            var words = Enumerable.Range(0, 12).Select(_ => random.NextDouble() < 0.5 ? (isSpam ? spam : ham)[random.Next(10)] : filler[random.Next(10)]);
            lines.Append(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"mail/{i:D5}"), ["text"] = string.Join(' ', words),
                ["label"] = isSpam ? 1 : 0, ["sender_cctld"] = i % 5 < 2 ? "yes" : "no",
            })).Append('\n');
        }
        return lines.ToString();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("data-testid=\"token-secret\">([^<]+)<")]
    private static partial Regex TokenSecret();
}
