using Governance.Web.Observability;

namespace Governance.Web.Tests.Observability;

/// <summary>Names, labels and numbers follow the Prometheus text exposition format 0.0.4.</summary>
public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("governance.http.request.duration", "s", false, "governance_http_request_duration_seconds")]
    [InlineData("governance.http.requests", null, true, "governance_http_requests_total")]
    [InlineData("governance.job.runs_total", null, true, "governance_job_runs_total")]
    [InlineData("9lives-x", "By", false, "_lives_x_bytes")]
    public void Instrument_names_become_prometheus_names(string instrument, string? unit, bool total, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, total));

    [Fact]
    public void Labels_are_sorted_and_values_escaped()
    {
        KeyValuePair<string, object?>[] tags = [new("route", "/a\"b\\c\nd"), new("method", "GET"), new("status", 200)];
        Assert.Equal("method=\"GET\",route=\"/a\\\"b\\\\c\\nd\",status=\"200\"", PrometheusText.Labels(tags));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.05, "0.05")]
    [InlineData(1e-7, "1E-07")]
    public void Numbers_use_the_invariant_culture_and_prometheus_infinities(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Number(value));
}
