using System.Text.RegularExpressions;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Governance.Pipelines.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests.Evidence;

/// <summary>
/// A compliance officer and a viewer read the evidence the loop left for the demo model, in Chromium with
/// JavaScript off: candidate vs production (metrics, paired tests, gates, lineage), the bias report, the
/// drift history and one drift report. Screenshots of each page are saved with the test results.
/// </summary>
[Collection(EvidencePortalCollection.Name)]
public sealed partial class EvidencePagesTests(EvidencePortalFixture portal, ITestOutputHelper output)
{
    private readonly Screenshots _screenshots = new(output, "evidence-");

    [Fact]
    public async Task Officer_compares_the_candidate_with_production_reads_its_bias_report_and_the_drift_report()
    {
        var (context, page) = await portal.SignedInAsync(EvidencePortalFixture.OfficerName);
        await using var _ = context;

        await page.GetByRole(AriaRole.Link, new() { Name = "Compare v2 with production" }).ClickAsync();
        var compare = new ComparePage(page);
        await Assertions.Expect(compare.Heading).ToContainTextAsync("spam-triage v2");
        await Assertions.Expect(compare.Heading).ToContainTextAsync("vs v1");
        await Assertions.Expect(compare.MetricRow("Macro F1").GetByRole(AriaRole.Cell).First).ToHaveTextAsync(Number());
        await Assertions.Expect(compare.Section("Metrics")).ToContainTextAsync("Paired bootstrap (MacroF1)");
        await Assertions.Expect(compare.Section("Metrics")).ToContainTextAsync("McNemar");
        await Assertions.Expect(compare.Section("Confusion matrices").GetByRole(AriaRole.Table)).ToHaveCountAsync(2);
        await Assertions.Expect(compare.Section("Calibration").Locator("svg[role=img]")).ToHaveCountAsync(2);
        // Header row plus the four gates of the fixture's policy.
        await Assertions.Expect(compare.GateRows).ToHaveCountAsync(5);
        await Assertions.Expect(compare.Section("Lineage").GetByRole(AriaRole.Link, new() { Name = "events of spam-triage/2" }))
            .ToHaveAttributeAsync("href", "audit?prefix=spam-triage/2");
        await _screenshots.SaveAsync(page, "01-compare");

        var bias = await compare.OpenBiasReportAsync();
        await Assertions.Expect(bias.Heading).ToContainTextAsync("Bias report: spam-triage v2");
        await Assertions.Expect(bias.Attribute(SpamTriageRows.NonAscii)).ToBeVisibleAsync();
        await Assertions.Expect(bias.ImpactRows(SpamTriageRows.NonAscii).Filter(new() { HasText = "within" }).Or(
            bias.ImpactRows(SpamTriageRows.NonAscii).Filter(new() { HasText = "outside" })).First).ToBeVisibleAsync();
        await Assertions.Expect(bias.Counterfactuals).ToContainTextAsync("Texts probed");
        await _screenshots.SaveAsync(page, "02-bias");

        await page.GoBackAsync();
        var drift = await new ComparePage(page).OpenDriftAsync();
        await Assertions.Expect(drift.Heading).ToHaveTextAsync("Drift: spam-triage");
        await Assertions.Expect(drift.ReportRows).ToHaveCountAsync(2);
        await _screenshots.SaveAsync(page, "03-drift-history");
        await drift.OpenNewestReportAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("drift\\?report=[0-9a-f-]{36}$"));
        // Header plus the four aspects of the text column: tokens, out-of-vocabulary, length, domain classifier.
        await Assertions.Expect(drift.ColumnRows).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Histogram of text:tokens" })).ToBeVisibleAsync();
        await _screenshots.SaveAsync(page, "04-drift-report");
    }

    [Fact]
    public async Task Viewer_compares_production_with_the_candidate_by_choosing_it()
    {
        var (context, page) = await portal.SignedInAsync(EvidencePortalFixture.ViewerName);
        await using var _ = context;
        await page.GotoAsync($"models/{EvidencePortalFixture.Model}/versions/1/compare");
        var compare = new ComparePage(page);
        await Assertions.Expect(page.GetByText("There is no production version to compare with.")).ToBeVisibleAsync();

        await compare.CompareWithAsync(2);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("compare\\?with=2$"));
        await Assertions.Expect(compare.Heading).ToContainTextAsync("vs v2");
        await _screenshots.SaveAsync(page, "05-compare-chosen");
    }

    [GeneratedRegex("^\\d\\.\\d{3}$")]
    private static partial Regex Number();
}
