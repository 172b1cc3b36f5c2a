using Governance.Domain.Audit;
using Governance.Web.Components.Pages.Audit;
using Governance.Web.ModelCards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.Web.Tests.ModelCard;

/// <summary>The PDF printer without Chromium, its configuration, and where audit subjects link.</summary>
public sealed class ModelCardUnitTests
{
    [Fact]
    public async Task Printing_without_Chromium_says_where_it_looked_and_what_still_works()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-chromium-" + Guid.NewGuid().ToString("N"), "chromium");
        using var printer = new ChromiumPdfPrinter(new ChromiumOptions(missing, TimeSpan.FromSeconds(5), 1), NullLogger<ChromiumPdfPrinter>.Instance);
        Assert.False(printer.IsInstalled);
        var e = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync("<!DOCTYPE html><p>x</p>", default));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("card.html", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chromium_options_default_to_debians_path_and_refuse_a_bad_timeout()
    {
        var defaults = ChromiumOptions.From(new ConfigurationBuilder().Build());
        Assert.Equal("/usr/bin/chromium", defaults.Path);
        Assert.Equal(TimeSpan.FromSeconds(60), defaults.Timeout);
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Governance:Chromium:TimeoutSeconds"] = "soon" }).Build();
        var e = Assert.Throws<ArgumentException>(() => ChromiumOptions.From(bad));
        Assert.Contains("Governance:Chromium:TimeoutSeconds", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model", "spam", "version.registered", "open=models/spam")]
    [InlineData("model-version", "spam/3", "version.stage-changed", "open=models/spam#v3|card=models/spam/versions/3/card")]
    [InlineData("model-version", "spam/3", "model-card.exported", "open card=models/spam/versions/3/card")]
    [InlineData("dataset-version", "mails/2", "dataset.version-registered", "open=datasets/mails/2")]
    [InlineData("approval-request", "0193a0e0-0000-7000-8000-000000000001", "approval.decided", "open=approvals#req-0193a0e0-0000-7000-8000-000000000001")]
    [InlineData("job-run", "0193a0e0-0000-7000-8000-000000000002", "job.succeeded", "open=jobs/runs/0193a0e0-0000-7000-8000-000000000002")]
    [InlineData("model-schedule", "spam/Retrain", "schedule.set", "open=jobs?model=spam")]
    [InlineData("drift-report", "0193a0e0-0000-7000-8000-000000000003", "drift.resolved", "open=models/spam/drift?report=0193a0e0-0000-7000-8000-000000000003")]
    [InlineData("drift-report", "0193a0e0-0000-7000-8000-00000000ffff", "drift.resolved", "")]
    [InlineData("user", "alice", "user.created", "")]
    public void Audit_subjects_link_to_their_pages(string type, string id, string action, string expected)
    {
        var drift = new Dictionary<string, string> { ["0193a0e0-0000-7000-8000-000000000003"] = "spam" };
        var e = new AuditEvent { SubjectType = type, SubjectId = id, Action = action, Payload = "{}" };
        var links = AuditSubjectLinks.For(e, drift);
        Assert.Equal(expected, string.Join("|", links.Select(l => $"{l.Label}={l.Href}")));
    }

    [Fact]
    public void A_drift_check_links_to_its_report()
    {
        var e = new AuditEvent { SubjectType = "model", SubjectId = "spam", Action = "drift.checked", Payload = "{\"driftReportId\":\"abc\"}" };
        Assert.Contains(AuditSubjectLinks.For(e, new Dictionary<string, string>()), l => l.Href == "models/spam/drift?report=abc");
    }
}
