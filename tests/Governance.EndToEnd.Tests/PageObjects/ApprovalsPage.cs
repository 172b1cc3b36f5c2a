using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/approvals: the approvals inbox, one card (article) per request with its decisions and, while pending, the decision form.</summary>
internal sealed class ApprovalsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Approvals inbox", Exact = true, Level = 1 });

    /// <summary>An error after a post ("Decision refused." with the rule that refused it).</summary>
    public ILocator Refusal => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Decision refused." });

    /// <summary>The confirmation after a recorded decision.</summary>
    public ILocator Confirmation => page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Decision recorded." });

    /// <summary>Opens the inbox: by default the requests awaiting the user's roles; with a status, all requests in it.</summary>
    public async Task GotoAsync(string? status = null)
    {
        await page.GotoAsync("approvals" + (status is null ? "" : "?status=" + Uri.EscapeDataString(status)));
        await Assertions.Expect(Heading).ToBeVisibleAsync();
    }

    /// <summary>
    /// Posts a decision on request <paramref name="requestId"/> without its form (which the page does not offer
    /// this user), as a hand-made request would, with this session's cookies and antiforgery token; the browser
    /// shows the answer as a page. Returns the response (its status).
    /// </summary>
    public async Task<IResponse> PostDecisionByHandAsync(Guid requestId, string verdict, string reason)
    {
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value")
            ?? throw new InvalidOperationException("The page carries no antiforgery token.");
        var body = string.Join("&", new Dictionary<string, string>
        {
            ["_handler"] = $"decide-{requestId:N}",
            ["__RequestVerificationToken"] = token,
            ["Verdict"] = verdict,
            ["Reason"] = reason,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        const string url = "**/approvals?status=Pending&by-hand=1";
        // The navigation is turned into a form post on its way out: no script runs in the page.
        await page.RouteAsync(url, route => route.ContinueAsync(new()
        {
            Method = "POST",
            PostData = System.Text.Encoding.UTF8.GetBytes(body),
            Headers = new Dictionary<string, string>(route.Request.Headers) { ["content-type"] = "application/x-www-form-urlencoded" },
        }));
        try
        {
            return await page.GotoAsync("approvals?status=Pending&by-hand=1") ?? throw new InvalidOperationException("No response to the post.");
        }
        finally
        {
            await page.UnrouteAsync(url);
        }
    }

    /// <summary>The card of the request for version <paramref name="number"/> of <paramref name="model"/>.</summary>
    public ILocator Request(string model, int number) =>
        page.Locator("article").Filter(new()
        {
            Has = page.GetByRole(AriaRole.Heading, new() { Level = 2 })
                .Filter(new() { HasText = model })
                .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"v{number}", Exact = true }) }),
        });

    public ILocator StatusOf(string model, int number) => Request(model, number).Locator(".badge");

    /// <summary>The decisions table's body rows of a request (who, role, verdict, reason, when).</summary>
    public ILocator Decisions(string model, int number) => Request(model, number).Locator("table tbody tr");

    public ILocator ApproveButton(string model, int number) =>
        Request(model, number).GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true });

    public ILocator RejectButton(string model, int number) =>
        Request(model, number).GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true });

    /// <summary>Writes the reason and presses Approve or Reject; the page comes back with the outcome.</summary>
    public async Task DecideAsync(string model, int number, string verdict, string reason)
    {
        var card = Request(model, number);
        await card.GetByLabel("Reason (required to reject)").FillAsync(reason);
        await card.GetByRole(AriaRole.Button, new() { Name = verdict, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
