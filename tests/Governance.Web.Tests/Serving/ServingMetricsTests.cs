using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Governance.Data.Observability;
using Governance.Pipelines.Serving;
using Governance.Web.Observability;
using Governance.Web.Tests.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Serving;

/// <summary>The serving counters in /metrics: texts answered, log rows written, and rows dropped when the queue is full.</summary>
public sealed class ServingMetricsTests
{
    private const string Token = "metrics-scrape-token-for-serving-tests";

    [Fact]
    public async Task A_full_prediction_log_queue_shows_as_dropped_rows_in_the_scrape()
    {
        await using var app = new ObservedApp(IPAddress.Parse("203.0.113.9"), s => s[MetricsEndpoint.TokenKey] = Token);
        var metrics = app.App.Services.GetRequiredService<GovernanceMetrics>();
        var log = new PredictionLog(new ServingOptions { LogQueueCapacity = 1 }, metrics);
        var row = new PendingPrediction(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch, "text", 0, [0.6f, 0.4f], false);
        Assert.True(log.TryEnqueue(row));
        Assert.False(log.TryEnqueue(row with { Id = Guid.NewGuid() }));
        Assert.False(log.TryEnqueue(row with { Id = Guid.NewGuid() }));
        metrics.Predictions("spam-filter", 3);
        metrics.PredictionLogWritten(5);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await app.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(2, Value(text, "governance_prediction_log_dropped_total{reason=\"queue_full\"}"));
        Assert.Equal(3, Value(text, "governance_predictions_total{model=\"spam-filter\"}"));
        Assert.Equal(5, Value(text, "governance_prediction_log_written_total"));
    }

    private static double Value(string text, string series)
    {
        var lines = text.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"Expected one sample '{series}' in:\n{text}");
        return double.Parse(lines[0][(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
