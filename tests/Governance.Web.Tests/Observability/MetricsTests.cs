using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Text.RegularExpressions;
using Governance.Data.Observability;
using Governance.Web.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Observability;

/// <summary>/metrics: who may scrape, and what the exposition holds.</summary>
public sealed partial class MetricsTests
{
    private const string Token = "metrics-scrape-token-for-tests";
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    private static ObservedApp WithToken(IPAddress remote) => new(remote, s => s[MetricsEndpoint.TokenKey] = Token);

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_remote_scraper_needs_the_configured_bearer_token()
    {
        await using var app = WithToken(Remote);
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        Assert.Contains("# TYPE", await ScrapeAsync(client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_only_loopback_may_scrape()
    {
        await using (var remote = new ObservedApp(Remote))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await remote.Client().GetAsync("/metrics")).StatusCode);
        }
        await using var local = new ObservedApp(IPAddress.IPv6Loopback);
        var response = await local.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Requests_are_counted_by_route_template_method_and_status_with_a_duration_histogram()
    {
        await using var app = WithToken(Remote);
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/models/some-model")).StatusCode);
        var text = await ScrapeAsync(client);

        Assert.Contains("# TYPE governance_http_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Equal(2, Value(text, "governance_http_requests_total{method=\"GET\",route=\"/health/live\",status=\"200\"}"));
        Assert.Equal(1, Value(text, "governance_http_requests_total{method=\"GET\",route=\"/api/v1/models/{name}\",status=\"401\"}"));
        Assert.DoesNotContain("some-model", text, StringComparison.Ordinal);

        Assert.Contains("# TYPE governance_http_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        const string Series = "method=\"GET\",route=\"/health/live\"";
        var buckets = BucketLine().Matches(text).Where(m => m.Groups["labels"].Value == Series)
            .Select(m => (Le: m.Groups["le"].Value, Count: double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(GovernanceMetrics.RequestSecondsBuckets.Count + 1, buckets.Count);
        Assert.Contains(buckets, b => b.Le == "0.05");
        Assert.Equal("+Inf", buckets[^1].Le);
        for (var i = 1; i < buckets.Count; i++)
        {
            Assert.True(buckets[i].Count >= buckets[i - 1].Count, "Buckets must be cumulative.");
        }
        Assert.Equal(2, buckets[^1].Count);
        Assert.Equal(2, Value(text, "governance_http_request_duration_seconds_count{" + Series + "}"));
        Assert.True(Value(text, "governance_http_request_duration_seconds_sum{" + Series + "}") > 0);
    }

    [Fact]
    public async Task Instruments_other_parts_publish_to_are_exported()
    {
        await using var app = WithToken(Remote);
        var client = app.Client();
        var metrics = app.App.Services.GetRequiredService<GovernanceMetrics>();
        var pending = 3L;
        metrics.ObservePendingApprovalsWith(() => pending);
        metrics.JobRun("retrain", "Succeeded", TimeSpan.FromSeconds(42));
        metrics.JobRun("retrain", "Failed", TimeSpan.FromSeconds(2));
        metrics.JobRun("retrain", "Succeeded", TimeSpan.FromSeconds(90));
        metrics.TrainingTokensPerSecond("lora", 5812.5);
        metrics.DriftVerdict("spam-filter", "breach");
        metrics.AuditEventAppended("model.created");
        metrics.AuditEventAppended("model.created");

        var text = await ScrapeAsync(client);
        Assert.Equal(2, Value(text, "governance_job_runs_total{kind=\"retrain\",state=\"Succeeded\"}"));
        Assert.Equal(1, Value(text, "governance_job_runs_total{kind=\"retrain\",state=\"Failed\"}"));
        Assert.Equal(2, Value(text, "governance_job_duration_seconds_count{kind=\"retrain\",state=\"Succeeded\"}"));
        Assert.Equal(132, Value(text, "governance_job_duration_seconds_sum{kind=\"retrain\",state=\"Succeeded\"}"));
        Assert.Equal(1, Value(text, "governance_job_duration_seconds_bucket{kind=\"retrain\",state=\"Succeeded\",le=\"60\"}"));
        Assert.Contains("# TYPE governance_training_tokens_per_second gauge\n", text, StringComparison.Ordinal);
        Assert.Equal(5812.5, Value(text, "governance_training_tokens_per_second{kind=\"lora\"}"));
        Assert.Equal(1, Value(text, "governance_drift_verdicts_total{model=\"spam-filter\",verdict=\"breach\"}"));
        Assert.Equal(2, Value(text, "governance_audit_events_total{action=\"model.created\"}"));
        Assert.Equal(3, Value(text, "governance_approvals_pending"));

        pending = 1; // the gauge is read at each scrape
        Assert.Equal(1, Value(await ScrapeAsync(client), "governance_approvals_pending"));
        metrics.ObservePendingApprovalsWith(() => throw new InvalidOperationException("database away"));
        var withoutGauge = await ScrapeAsync(client);
        Assert.DoesNotContain("governance_approvals_pending ", withoutGauge, StringComparison.Ordinal);
        Assert.Contains("governance_job_runs_total", withoutGauge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_feeds_the_pending_approvals_gauge_from_the_database()
    {
        await using var app = WithToken(Remote);
        // No approval request exists in a fresh database; the host's callback (not a test stub) answers.
        Assert.Equal(0, Value(await ScrapeAsync(app.Client()), "governance_approvals_pending"));
    }

    [Fact]
    public void Bad_training_throughput_is_refused()
    {
        using var factory = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new GovernanceMetrics(factory.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        Assert.Equal("tokensPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => metrics.TrainingTokensPerSecond("full", double.NaN)).ParamName);
    }

    /// <summary>The value of the one sample line that starts with <paramref name="series"/>.</summary>
    private static double Value(string text, string series)
    {
        var lines = text.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"Expected one sample '{series}' in:\n{text}");
        return double.Parse(lines[0][(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^governance_http_request_duration_seconds_bucket\\{(?<labels>.*),le=\"(?<le>[^\"]+)\"\\} (?<value>\\S+)$", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
