using System.Net;
using System.Text.RegularExpressions;
using Governance.Domain.Access;

namespace Governance.Web.Tests.ModelCard;

/// <summary>
/// The audit explorer and the pages link both ways: every subject link on the audit page of a loop-made
/// model resolves (followed, 200), and the card's "audit trail of this version" link opens its timeline.
/// </summary>
[Collection(ModelCardCollection.Name)]
public sealed partial class AuditLinksTests(ModelCardFixture fixture)
{
    [GeneratedRegex("<a href=\"([^\"]+)\" class=\"small ms-1\"")]
    private static partial Regex SubjectLink();

    [Fact]
    public async Task Subject_links_on_the_audit_page_resolve_to_their_pages()
    {
        var (officer, _) = await fixture.SignedInAsync(Roles.ComplianceOfficer);
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in new[] { $"/audit?prefix={fixture.Model}", "/audit?subject=approval-request", "/audit?subject=job-run", "/audit?subject=dataset-version" })
        {
            var response = await officer.Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (Match m in SubjectLink().Matches(await response.Content.ReadAsStringAsync()))
            {
                links.Add(WebUtility.HtmlDecode(m.Groups[1].Value));
            }
        }
        Assert.Contains($"models/{fixture.Model}", links);
        Assert.Contains($"models/{fixture.Model}#v1", links);
        Assert.Contains($"models/{fixture.Model}/versions/1/card", links);
        Assert.Contains(links, l => l.StartsWith("approvals#req-", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("datasets/", StringComparison.Ordinal));
        Assert.Contains(links, l => Regex.IsMatch(l, "^jobs/runs/[0-9a-f-]{36}$"));
        foreach (var link in links)
        {
            // The jobs pages belong to another part of the portal; their links are checked for shape above.
            if (link.StartsWith("jobs", StringComparison.Ordinal))
            {
                continue;
            }
            var path = "/" + link.Split('#')[0];
            var response = await officer.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_card_links_to_the_versions_audit_timeline_and_the_model_page_to_the_card()
    {
        var (officer, _) = await fixture.SignedInAsync(Roles.ComplianceOfficer);
        var timeline = await officer.Client.GetAsync($"/audit?prefix={Uri.EscapeDataString($"{fixture.Model}/1")}");
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
        var html = await timeline.Content.ReadAsStringAsync();
        Assert.Contains($"model-version:{fixture.Model}/1", html, StringComparison.Ordinal);
        Assert.Contains("training.succeeded", html, StringComparison.Ordinal);

        var model = await (await officer.Client.GetAsync($"/models/{fixture.Model}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"models/{fixture.Model}/versions/1/card\"", model, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{fixture.Model}/versions/2/card\"", model, StringComparison.Ordinal);
    }
}
