using System.Globalization;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>The audit page's filters live in the URL and its pages follow a sequence cursor, not an offset.</summary>
[Collection(PortalCollection.Name)]
public sealed class AuditPagingTests(PortalFixture portal, ITestOutputHelper output)
{
    [Fact]
    public async Task Older_and_newer_links_walk_the_filtered_trail_by_sequence_cursor()
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
        await using var _ = context;
        var audit = new AuditPage(page);
        await page.GotoAsync($"audit?actor=user%3A{PortalFixture.ReviewerName}&action=auth.signed-in");
        await Assertions.Expect(audit.Heading).ToBeVisibleAsync();
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(50);
        var firstPage = await SequencesAsync(page);
        Assert.Equal(firstPage.OrderDescending(), firstPage);
        await new Screenshots(output).SaveAsync(page, "05-audit-filtered-paged");

        var older = await audit.OlderLink.GetAttributeAsync("href");
        Assert.Contains($"before={firstPage[^1].ToString(CultureInfo.InvariantCulture)}", older, StringComparison.Ordinal);
        Assert.Contains("actor=user%3Areviewer", older, StringComparison.Ordinal);
        Assert.DoesNotContain("offset", older, StringComparison.OrdinalIgnoreCase);
        await audit.OlderLink.ClickAsync();
        var secondPage = await SequencesAsync(page);
        Assert.NotEmpty(secondPage);
        Assert.All(secondPage, s => Assert.True(s < firstPage[^1]));
        // 60 seeded sign-ins plus this test's own: the second page holds the rest, and is the last.
        Assert.True(secondPage.Count >= PortalFixture.SeededSignIns - 50 + 1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Newer" }).First.ClickAsync();
        Assert.Equal(firstPage, await SequencesAsync(page));
    }

    private static async Task<List<long>> SequencesAsync(IPage page) =>
        (await page.Locator("table.audit-table tbody tr th").AllInnerTextsAsync())
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList();
}
