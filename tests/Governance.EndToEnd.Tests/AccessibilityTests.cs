using Governance.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// Structural accessibility checks on every portal page: one h1 and no skipped heading levels, table
/// headers with a scope, a label for every form control, a page language. Not a full audit (contrast,
/// focus order need a person), but what a regression would most likely break.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalFixture portal)
{
    private static readonly string[] Pages =
    [
        "",
        "models",
        $"models/{PortalFixture.ModelName}",
        "datasets",
        $"datasets/{PortalFixture.DatasetName}/1",
        "audit",
        "audit/verify",
        $"models/{PortalFixture.ModelName}/versions/1/card",
        "jobs",
        "approvals",
    ];

    [Fact]
    public async Task Every_page_has_ordered_headings_scoped_table_headers_and_labelled_controls()
    {
        // One sign-in for all pages (password hashing is the slow part); each assertion names its page.
        var (context, page) = await portal.SignedInAsync(PortalHost.AdminUserName, PortalHost.AdminPassword);
        await using var _ = context;
        foreach (var path in Pages)
        {
            await CheckAsync(page, path);
        }
    }

    private static async Task CheckAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response?.Status == 200, $"/{path} answered {response?.Status}.");

        Assert.False(string.IsNullOrEmpty(await page.Locator("html").GetAttributeAsync("lang")), $"/{path} has no language.");

        var levels = new List<int>();
        foreach (var heading in await page.Locator("main h1, main h2, main h3, main h4, main h5, main h6").AllAsync())
        {
            levels.Add(int.Parse((await heading.EvaluateAsync<string>("e => e.tagName"))[1..], System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.True(levels.Count(l => l == 1) == 1 && levels[0] == 1, $"/{path} must open with exactly one h1; headings: {string.Join(", ", levels)}.");
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"Heading levels skip from h{levels[i - 1]} to h{levels[i]} on /{path}.");
        }

        foreach (var th in await page.Locator("table th").AllAsync())
        {
            var scope = await th.GetAttributeAsync("scope");
            Assert.True(scope is "col" or "row", $"A table header on /{path} has no scope: '{await th.InnerTextAsync()}'.");
        }

        foreach (var control in await page.Locator("main input:not([type=hidden]):not([type=submit]), main select, main textarea").AllAsync())
        {
            var id = await control.GetAttributeAsync("id");
            var labelled = await control.GetAttributeAsync("aria-label") is not null
                || (id is not null && await page.Locator($"label[for='{id}']").CountAsync() == 1);
            Assert.True(labelled, $"A form control on /{path} has no label (name '{await control.GetAttributeAsync("name")}').");
        }
    }
}
