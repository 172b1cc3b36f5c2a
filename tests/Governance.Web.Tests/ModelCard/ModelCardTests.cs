using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Tests.ModelCard;

/// <summary>
/// The model card of a version the real loop produced (SQLite): the page with its data hash, metrics,
/// approvals and lifecycle; the gaps of a bare version said in words; PDF (headless Chromium) and HTML
/// exports, each with exactly one audit event whose hash is that of the body served; 404s that write nothing.
/// </summary>
[Collection(ModelCardCollection.Name)]
public sealed class ModelCardTests(ModelCardFixture fixture)
{
    private GovernanceApp App => fixture.App;

    private string Card(int version) => $"/models/{fixture.Model}/versions/{version}/card";

    [Fact]
    public async Task Card_of_a_loop_version_shows_its_data_hash_metrics_approvals_and_lifecycle()
    {
        var (viewer, _) = await fixture.SignedInAsync(Roles.Viewer);
        var response = await viewer.Client.GetAsync(Card(1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        var facts = await App.WithDbAsync(async db =>
        {
            var model = await db.Models.SingleAsync(m => m.Name == fixture.Model);
            var version = await db.ModelVersions.SingleAsync(v => v.ModelId == model.Id && v.Number == 1);
            var data = await db.DatasetVersions.SingleAsync(d => d.Id == version.DatasetVersionId);
            var evaluation = await db.EvaluationRecords.SingleAsync(e => e.CandidateVersionId == version.Id);
            var bias = await db.BiasReports.SingleAsync(b => b.CandidateVersionId == version.Id);
            var approval = await db.ApprovalRequests.SingleAsync(a => a.ModelVersionId == version.Id);
            return (version, data, evaluation, bias, approval);
        });
        Assert.Contains("EU AI Act Annex IV", html, StringComparison.Ordinal);
        foreach (var heading in new[] { "1. General description and intended purpose", "2. Elements and development process",
            "3. Monitoring, functioning and control", "6. Changes through the lifecycle", "8. Post-market monitoring: drift history", "9. Evidence hashes" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }
        Assert.Contains(facts.data.ContentHash, html, StringComparison.Ordinal);
        Assert.Contains(facts.version.ArtifactHash!, html, StringComparison.Ordinal);
        Assert.Contains(facts.evaluation.ResultHash, html, StringComparison.Ordinal);
        Assert.Contains(facts.bias.ResultHash, html, StringComparison.Ordinal);
        Assert.Contains(facts.approval.EvidenceHash, html, StringComparison.Ordinal);
        // Macro-F1 with its interval, as stored.
        Assert.Contains(Num(facts.evaluation.MacroF1), html, StringComparison.Ordinal);
        Assert.Contains(Num(facts.evaluation.MacroF1Lower), html, StringComparison.Ordinal);
        Assert.Contains(Num(facts.evaluation.MacroF1Upper), html, StringComparison.Ordinal);
        Assert.Contains($"Seed</dt>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(ModelCardFixture.EngineerReason, html, StringComparison.Ordinal);
        Assert.Contains(ModelCardFixture.OfficerReason, html, StringComparison.Ordinal);
        Assert.Contains("→ Production", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No bias report recorded", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No evaluation recorded", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"audit?prefix={Uri.EscapeDataString($"{fixture.Model}/1")}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Card(1)[1..]}.pdf\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_of_a_bare_version_says_plainly_what_is_missing()
    {
        var (viewer, _) = await fixture.SignedInAsync(Roles.Viewer);
        var response = await viewer.Client.GetAsync(Card(2));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("No bias report recorded for this version.", html, StringComparison.Ordinal);
        Assert.Contains("No evaluation recorded", html, StringComparison.Ordinal);
        Assert.Contains("No approval request recorded for this version.", html, StringComparison.Ordinal);
        Assert.Contains("No training dataset is recorded for this version.", html, StringComparison.Ordinal);
        Assert.Contains("No gate evaluation recorded for this version.", html, StringComparison.Ordinal);
        Assert.Contains("No drift report recorded while this version was in production.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_export_is_a_pdf_and_writes_one_audit_event_with_the_hash_of_the_body()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "This test prints with Debian's chromium at /usr/bin/chromium (installed here and in CI).");
        var (officer, name) = await fixture.SignedInAsync(Roles.ComplianceOfficer);
        var before = await App.AuditCountAsync();
        var response = await officer.Client.GetAsync(Card(1) + ".pdf");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(body, 0, 5));
        Assert.Equal($"{fixture.Model}-v1-model-card.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var sha = Convert.ToHexStringLower(SHA256.HashData(body));
        Assert.Equal(sha, Assert.Single(response.Headers.GetValues("X-Content-SHA256")));
        await AssertOneExportEventAsync(before, name, "pdf", sha, body.Length);
    }

    [Fact]
    public async Task Html_export_is_self_contained_audited_and_open_to_viewers()
    {
        var (viewer, name) = await fixture.SignedInAsync(Roles.Viewer);
        foreach (var url in new[] { Card(1) + ".html", Card(1) + ".pdf?format=html" })
        {
            var before = await App.AuditCountAsync();
            var response = await viewer.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsByteArrayAsync();
            var html = Encoding.UTF8.GetString(body);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("<style>", html, StringComparison.Ordinal);
            Assert.Contains("@media print", html, StringComparison.Ordinal);
            // Self-contained: nothing to fetch, nothing to run.
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("9. Evidence hashes", html, StringComparison.Ordinal);
            var sha = Convert.ToHexStringLower(SHA256.HashData(body));
            Assert.Equal(sha, Assert.Single(response.Headers.GetValues("X-Content-SHA256")));
            await AssertOneExportEventAsync(before, name, "html", sha, body.Length);
        }
    }

    [Fact]
    public async Task Unknown_version_or_model_is_404_and_writes_nothing()
    {
        var (officer, _) = await fixture.SignedInAsync(Roles.ComplianceOfficer);
        var before = await App.AuditCountAsync();
        foreach (var url in new[] { Card(99) + ".pdf", Card(99) + ".html", $"/models/no-such-{fixture.Model}/versions/1/card.pdf", Card(99) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await officer.Client.GetAsync(url)).StatusCode);
        }
        Assert.Equal(before, await App.AuditCountAsync());
    }

    [Fact]
    public async Task Anonymous_requests_get_no_card_and_write_nothing_and_a_bad_format_is_400()
    {
        var (viewer, _) = await fixture.SignedInAsync(Roles.Viewer);
        var before = await App.AuditCountAsync();
        var anonymous = App.AnonymousClient();
        foreach (var url in new[] { Card(1), Card(1) + ".pdf", Card(1) + ".html" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{url}: {response.StatusCode}");
        }
        var bad = await viewer.Client.GetAsync(Card(1) + ".pdf?format=docx");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'pdf' or 'html'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.AuditCountAsync());
    }

    private async Task AssertOneExportEventAsync(int before, string userName, string format, string sha, int size)
    {
        var events = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Take(5).ToListAsync());
        Assert.Equal(before + 1, await App.AuditCountAsync());
        var e = events[0];
        Assert.Equal("model-card.exported", e.Action);
        Assert.Equal("model-version", e.SubjectType);
        Assert.Equal($"{fixture.Model}/1", e.SubjectId);
        Assert.Equal($"user:{userName}", e.Actor);
        using var payload = JsonDocument.Parse(e.Payload);
        Assert.Equal(format, payload.RootElement.GetProperty("format").GetString());
        Assert.Equal(sha, payload.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(size, payload.RootElement.GetProperty("sizeBytes").GetInt32());
    }

    private static string Num(double value) => value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
