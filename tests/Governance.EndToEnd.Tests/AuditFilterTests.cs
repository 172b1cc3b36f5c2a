using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests;

/// <summary>Audit filters: bad values are explained, the time range narrows, and the export links carry the filters to the API.</summary>
[Collection(PortalCollection.Name)]
public sealed class AuditFilterTests(PortalFixture portal)
{
    [Theory]
    [InlineData("audit?before=abc", "'before' must be an event sequence number")]
    [InlineData("audit?from=yesterday", "'From' is not a time")]
    [InlineData("audit?from=2026-01-02T00:00&to=2026-01-01T00:00", "'To' must be later than 'From'")]
    public async Task A_bad_filter_value_is_answered_with_400_and_the_reason(string url, string reason)
    {
        var (context, _) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
        await using var __ = context;
        var response = await context.APIRequest.GetAsync(url);
        Assert.Equal(400, response.Status);
        Assert.Contains(reason, System.Net.WebUtility.HtmlDecode(await response.TextAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_range_before_any_event_shows_the_empty_state()
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
        await using var _ = context;
        await page.GotoAsync("audit?to=2000-01-01T00%3A00");
        await Assertions.Expect(new AuditPage(page).Rows).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No event matches these filters.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Export_links_download_exactly_the_filtered_events()
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
        await using var _ = context;
        await page.GotoAsync($"audit?subject=model%3A{PortalFixture.ModelName}");
        var audit = new AuditPage(page);

        var csvHref = await audit.ExportCsvLink.GetAttributeAsync("href");
        Assert.Equal($"api/v1/audit/export?format=csv&subjectType=model&subjectId={PortalFixture.ModelName}", csvHref);
        var csv = await context.APIRequest.GetAsync(csvHref!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // header + the model's one event
        Assert.Contains("model.registered", lines[1], StringComparison.Ordinal);
        Assert.Contains(PortalFixture.ModelName, lines[1], StringComparison.Ordinal);

        var jsonHref = await page.GetByRole(AriaRole.Link, new() { Name = "Export JSON" }).GetAttributeAsync("href");
        var json = await context.APIRequest.GetAsync(jsonHref!);
        Assert.Equal(200, json.Status);
        var body = await json.TextAsync();
        Assert.Contains("model.registered", body, StringComparison.Ordinal);
        Assert.DoesNotContain("auth.signed-in", body, StringComparison.Ordinal);

        // Times typed in the form (UTC, no zone) reach the API as ISO-8601 UTC, and it honours them.
        await page.GotoAsync($"audit?subject=model%3A{PortalFixture.ModelName}&from=2000-01-01T00%3A00&to=2000-01-02T00%3A00");
        var emptyHref = await audit.ExportCsvLink.GetAttributeAsync("href");
        Assert.Contains("from=2000-01-01T00%3A00%3A00Z&to=2000-01-02T00%3A00%3A00Z", emptyHref, StringComparison.Ordinal);
        var empty = await context.APIRequest.GetAsync(emptyHref!);
        Assert.Equal(200, empty.Status);
        Assert.Single((await empty.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only
    }
}
