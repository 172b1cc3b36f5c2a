using System.Globalization;
using System.Net;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Tests.Evidence;

/// <summary>
/// The evidence pages on data the real loop produced (<see cref="EvidenceFixture"/>): the numbers in their
/// tables are the stored records' numbers, a Viewer can read them, missing things answer 404 with a message
/// and bad query values 400, and every page keeps the portal's structural accessibility rules.
/// </summary>
public sealed class EvidencePagesTests(EvidenceFixture fixture) : IClassFixture<EvidenceFixture>
{
    private string Model => fixture.Model;

    [Fact]
    public async Task Compare_page_shows_the_stored_metrics_paired_tests_matrices_gates_and_lineage_to_a_viewer()
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var response = await viewer.Client.GetAsync($"/models/{Model}/versions/2/compare");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        var (record, result) = await EvaluationAsync(2);
        Assert.Contains("vs v1", html, StringComparison.Ordinal);
        Assert.Contains("on the same held-out rows with paired tests", html, StringComparison.Ordinal);
        Assert.Contains(Cell(F(record.MacroF1)), html, StringComparison.Ordinal);
        Assert.Contains(Cell(F(result.GetProperty("productionReport").GetProperty("macro").GetProperty("f1").GetDouble())), html, StringComparison.Ordinal);
        var ci = result.GetProperty("intervals")[0];
        Assert.Contains($"[{F(ci.GetProperty("lower").GetDouble())}, {F(ci.GetProperty("upper").GetDouble())}]", html, StringComparison.Ordinal);
        var paired = result.GetProperty("paired");
        Assert.Contains($"[{F(paired.GetProperty("lower").GetDouble())}, {F(paired.GetProperty("upper").GetDouble())}]", html, StringComparison.Ordinal);
        var mcnemar = result.GetProperty("mcnemar");
        Assert.Contains($"p = <span class=\"font-monospace\">{mcnemar.GetProperty("pValue").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture)}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"both right {mcnemar.GetProperty("bothCorrect").GetInt32()}", html, StringComparison.Ordinal);

        // Both confusion matrices, cell by cell, from the stored reports.
        foreach (var report in new[] { result.GetProperty("report"), result.GetProperty("productionReport") })
        {
            foreach (var row in report.GetProperty("confusionMatrix").EnumerateArray())
            {
                foreach (var count in row.EnumerateArray())
                {
                    Assert.Contains($"\">{count.GetInt64()} <span", html, StringComparison.Ordinal);
                }
            }
        }
        Assert.Contains("Reliability diagram", html, StringComparison.Ordinal);
        Assert.Contains(F(result.GetProperty("calibration").GetProperty("candidate").GetProperty("expectedCalibrationError").GetDouble()), html, StringComparison.Ordinal);
        Assert.Contains("Training loss per optimiser step", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);

        // Gates: every rule of the default policy with its threshold and the evaluator's words.
        Assert.Contains("macro_f1 >= 0.9", html, StringComparison.Ordinal);
        Assert.Contains(">= 0.9</td>", html, StringComparison.Ordinal);
        Assert.Contains("[0.8, 1.25]", html, StringComparison.Ordinal);
        Assert.Contains("no unresolved drift", html, StringComparison.Ordinal);

        // Lineage of both, with the dataset hash and the audit links.
        var v2 = await App.WithDbAsync(db => db.ModelVersions.AsNoTracking().SingleAsync(v => v.Number == 2 && db.Models.Any(m => m.Id == v.ModelId && m.Name == Model)));
        var dataset = await App.WithDbAsync(db => db.DatasetVersions.AsNoTracking().SingleAsync(d => d.Id == v2.DatasetVersionId));
        Assert.Contains(dataset.ContentHash, html, StringComparison.Ordinal);
        Assert.Contains(v2.ArtifactHash!, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"audit?prefix={Model}/2\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"audit?prefix={Model}/1\"", html, StringComparison.Ordinal);
        Assert.Contains("Bias comparison", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_with_another_version_or_none_and_bad_values_are_answered_clearly()
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        // v1 is production itself: nothing to compare with by default, a clear empty state.
        var own = await viewer.Client.GetAsync($"/models/{Model}/versions/1/compare");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("There is no production version to compare with.", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var chosen = WebUtility.HtmlDecode(await viewer.Client.GetStringAsync($"/models/{Model}/versions/1/compare?with=2"));
        Assert.Contains("vs v2", chosen, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2\" selected", chosen, StringComparison.Ordinal);

        var missing = await viewer.Client.GetAsync($"/models/{Model}/versions/1/compare?with=99");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Version 99 does not exist.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var bad = await viewer.Client.GetAsync($"/models/{Model}/versions/2/compare?with=latest");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("must be a version number", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/models/{0}/versions/42/compare", "has no version 42")]
    [InlineData("/models/{0}/versions/42/bias", "has no version 42")]
    [InlineData("/models/no-such-model/versions/1/compare", "has no version 1")]
    [InlineData("/models/no-such-model/drift", "No model is registered under the name")]
    [InlineData("/models/{0}/drift?report=00000000-0000-0000-0000-000000000001", "has no drift report")]
    public async Task Missing_things_are_404_with_a_message(string pattern, string message)
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var response = await viewer.Client.GetAsync(string.Format(CultureInfo.InvariantCulture, pattern, Model));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bias_page_shows_the_stored_group_rates_band_verdicts_and_probes()
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var response = await viewer.Client.GetAsync($"/models/{Model}/versions/2/bias");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var result = await BiasAsync(2);
        var fairness = result.GetProperty("fairness");
        Assert.Equal(2, fairness.GetArrayLength());
        foreach (var report in fairness.EnumerateArray())
        {
            Assert.Contains($"<code>{report.GetProperty("attributes")[0].GetString()}</code>", html, StringComparison.Ordinal);
            foreach (var group in report.GetProperty("groups").EnumerateArray())
            {
                Assert.Contains($"<code>{group.GetProperty("group").GetString()}</code>", html, StringComparison.Ordinal);
                if (group.GetProperty("selectionRate").ValueKind == JsonValueKind.Number)
                {
                    Assert.Contains(Cell(F(group.GetProperty("selectionRate").GetDouble())), html, StringComparison.Ordinal);
                }
            }
            foreach (var impact in report.GetProperty("disparateImpact").GetProperty("groups").EnumerateArray())
            {
                if (impact.GetProperty("ratio").ValueKind == JsonValueKind.Number)
                {
                    var ratio = impact.GetProperty("ratio").GetDouble();
                    Assert.Contains(Cell(F(ratio)), html, StringComparison.Ordinal);
                }
            }
        }
        Assert.Contains("Policy band for the disparate-impact ratio: <span class=\"font-monospace\">[0.800, 1.250]</span>", html, StringComparison.Ordinal);
        Assert.Contains("Counterfactual probes", html, StringComparison.Ordinal);
        var probe = result.GetProperty("counterfactual");
        Assert.Contains($"{probe.GetProperty("probed").GetInt32()} of {probe.GetProperty("texts").GetInt32()} contained", html, StringComparison.Ordinal);
        Assert.Contains("Disparate-impact ratio per group", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_page_lists_the_checks_and_one_report_shows_each_column_and_its_histogram()
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var list = WebUtility.HtmlDecode(await viewer.Client.GetStringAsync($"/models/{Model}/drift"));
        Assert.Contains($"?report={fixture.DriftReportId}", list, StringComparison.Ordinal);
        Assert.Contains("Drift over time", list, StringComparison.Ordinal);

        var response = await viewer.Client.GetAsync($"/models/{Model}/drift?report={fixture.DriftReportId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var record = await App.WithDbAsync(db => db.DriftReports.AsNoTracking().SingleAsync(d => d.Id == fixture.DriftReportId));
        using var doc = JsonDocument.Parse(record.Result);
        var columns = 0;
        foreach (var column in doc.RootElement.GetProperty("text").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            var c = column.Value;
            columns++;
            Assert.Contains($"<code>{c.GetProperty("column").GetString()}</code>", html, StringComparison.Ordinal);
            Assert.Contains($">{c.GetProperty("method").GetString()}</td>", html, StringComparison.Ordinal);
            Assert.Contains(Cell(c.GetProperty("threshold").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture)), html, StringComparison.Ordinal);
            if (c.GetProperty("statistic").ValueKind == JsonValueKind.Number)
            {
                Assert.Contains(Cell(c.GetProperty("statistic").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture)), html, StringComparison.Ordinal);
            }
            if (c.TryGetProperty("histogram", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                Assert.Contains($"Histogram of <code>{c.GetProperty("column").GetString()}</code>", html, StringComparison.Ordinal);
                Assert.Contains(Cell(h.GetProperty("referenceCounts")[0].GetInt64().ToString(CultureInfo.InvariantCulture)), html, StringComparison.Ordinal);
            }
        }
        Assert.Equal(4, columns);
        Assert.Contains(record.Breached ? ">drift</span>" : ">no drift</span>", html, StringComparison.Ordinal);

        var bad = await viewer.Client.GetAsync($"/models/{Model}/drift?report=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("must be a drift report id", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_model_pages_say_what_is_missing()
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var drift = await viewer.Client.GetAsync($"/models/{fixture.EmptyModel}/drift");
        Assert.Equal(HttpStatusCode.OK, drift.StatusCode);
        Assert.Contains("No drift check has run for this model yet.", await drift.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_page_links_each_version_to_its_evidence()
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var html = await viewer.Client.GetStringAsync($"/models/{Model}");
        Assert.Contains($"href=\"models/{Model}/versions/2/compare\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{Model}/versions/1/bias\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{Model}/drift\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/models/{0}/versions/2/compare")]
    [InlineData("/models/{0}/versions/1/compare")]
    [InlineData("/models/{0}/versions/2/bias")]
    [InlineData("/models/{0}/drift")]
    [InlineData("/models/{0}/drift?report={1}")]
    [InlineData("/models/{0}/versions/42/bias")]
    public async Task Pages_keep_the_structural_accessibility_rules(string pattern)
    {
        var viewer = await fixture.SignedInAsync(Roles.Viewer);
        var path = string.Format(CultureInfo.InvariantCulture, pattern, Model, fixture.DriftReportId);
        var html = await (await viewer.Client.GetAsync(path)).Content.ReadAsStringAsync();
        HtmlStructure.AssertAccessible(html, path);
    }

    [Fact]
    public async Task Anonymous_readers_are_sent_to_sign_in()
    {
        var response = await App.AnonymousClient().GetAsync($"/models/{Model}/versions/2/compare");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private GovernanceApp App => fixture.App;

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Cell(string value) => $"font-monospace\">{value}</td>";

    private async Task<(Domain.Evidence.EvaluationRecord Record, JsonElement Result)> EvaluationAsync(int version)
    {
        var record = await App.WithDbAsync(db => db.EvaluationRecords.AsNoTracking()
            .Where(e => db.ModelVersions.Any(v => v.Id == e.CandidateVersionId && v.Number == version && db.Models.Any(m => m.Id == v.ModelId && m.Name == Model)))
            .OrderByDescending(e => e.CreatedAt).FirstAsync());
        using var doc = JsonDocument.Parse(record.Result);
        return (record, doc.RootElement.Clone());
    }

    private async Task<JsonElement> BiasAsync(int version)
    {
        var record = await App.WithDbAsync(db => db.BiasReports.AsNoTracking()
            .Where(b => db.ModelVersions.Any(v => v.Id == b.CandidateVersionId && v.Number == version && db.Models.Any(m => m.Id == v.ModelId && m.Name == Model)))
            .OrderByDescending(b => b.CreatedAt).FirstAsync());
        using var doc = JsonDocument.Parse(record.Result);
        return doc.RootElement.Clone();
    }
}
