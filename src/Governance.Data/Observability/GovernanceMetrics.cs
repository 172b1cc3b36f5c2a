using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.Data.Observability;

/// <summary>
/// The instruments of meter <see cref="MeterName"/>, one singleton per host (created through
/// <see cref="IMeterFactory"/>, so two hosts in one process, as in tests, do not share counts).
/// Other parts take it from DI and record; the web host's <c>/metrics</c> exports everything in
/// Prometheus text. It lives in the data layer so that the pipelines and the audit trail, which do
/// not reference the web host, can record too; the host registers it (<c>AddGovernanceObservability</c>).
/// Tag values must come from small fixed sets (route templates, states, verdicts, model names),
/// never from free text, or the series multiply without bound.
/// </summary>
public sealed class GovernanceMetrics
{
    public const string MeterName = "Governance";

    /// <summary>Buckets (seconds) for a 50 ms target: fine below 100 ms, coarse above.</summary>
    public static readonly IReadOnlyList<double> RequestSecondsBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Buckets (seconds) for jobs: from a second to a day.</summary>
    public static readonly IReadOnlyList<double> JobSecondsBuckets =
        [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400];

    private readonly Counter<long> _httpRequests;
    private readonly Histogram<double> _httpDuration;
    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _driftVerdicts;
    private readonly Counter<long> _auditEvents;
    private readonly Counter<long> _predictions;
    private readonly Counter<long> _predictionLogWritten;
    private readonly Counter<long> _predictionLogDropped;
    private readonly object _gate = new();
    private readonly Dictionary<string, double> _tokensPerSecond = new(StringComparer.Ordinal);
    private Func<long>? _pendingApprovals;

    public GovernanceMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _httpRequests = Meter.CreateCounter<long>("governance.http.requests", description: "HTTP requests answered, by route template, method and status.");
        _httpDuration = Meter.CreateHistogram<double>("governance.http.request.duration", "s", "HTTP request duration, by route template and method.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestSecondsBuckets });
        _jobRuns = Meter.CreateCounter<long>("governance.job.runs", description: "Job runs that reached a state, by kind and state.");
        _jobDuration = Meter.CreateHistogram<double>("governance.job.duration", "s", "Duration of finished job runs, by kind and state.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobSecondsBuckets });
        _driftVerdicts = Meter.CreateCounter<long>("governance.drift.verdicts", description: "Drift check verdicts, by model and verdict.");
        _auditEvents = Meter.CreateCounter<long>("governance.audit.events", description: "Audit events appended, by action.");
        _predictions = Meter.CreateCounter<long>("governance.predictions", description: "Texts answered by the predict endpoint, by model.");
        _predictionLogWritten = Meter.CreateCounter<long>("governance.prediction_log.written", description: "Sampled predictions written to the prediction log.");
        _predictionLogDropped = Meter.CreateCounter<long>("governance.prediction_log.dropped", description: "Sampled predictions dropped because the log queue was full or its write failed, by reason.");
        Meter.CreateObservableGauge("governance.training.tokens_per_second", ObserveTokensPerSecond, description: "Latest training throughput, by run kind.");
        Meter.CreateObservableGauge("governance.approvals.pending", ObservePendingApprovals, description: "Approval requests waiting for a decision.");
    }

    /// <summary>The meter itself (its <see cref="Meter.Scope"/> is this host's meter factory).</summary>
    public Meter Meter { get; }

    /// <summary>One answered HTTP request; <paramref name="route"/> is the route template, never the raw path.</summary>
    public void HttpRequest(string route, string method, int status, TimeSpan duration)
    {
        var tags = new TagList { { "route", route }, { "method", method } };
        _httpDuration.Record(duration.TotalSeconds, tags);
        tags.Add("status", status);
        _httpRequests.Add(1, tags);
    }

    /// <summary>A job run reached <paramref name="state"/> (e.g. Succeeded, Failed, Cancelled); its duration when it finished.</summary>
    public void JobRun(string kind, string state, TimeSpan? duration = null)
    {
        var tags = new TagList { { "kind", kind }, { "state", state } };
        _jobRuns.Add(1, tags);
        if (duration is { } d)
        {
            _jobDuration.Record(d.TotalSeconds, tags);
        }
    }

    /// <summary>Latest training throughput for <paramref name="runKind"/> (e.g. "full", "lora"); exported as a gauge.</summary>
    public void TrainingTokensPerSecond(string runKind, double tokensPerSecond)
    {
        if (!double.IsFinite(tokensPerSecond) || tokensPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), tokensPerSecond, "Tokens per second must be finite and not negative.");
        }
        lock (_gate)
        {
            _tokensPerSecond[runKind] = tokensPerSecond;
        }
    }

    /// <summary>One drift verdict (e.g. "ok", "breach") for <paramref name="model"/>.</summary>
    public void DriftVerdict(string model, string verdict) =>
        _driftVerdicts.Add(1, new TagList { { "model", model }, { "verdict", verdict } });

    /// <summary><paramref name="texts"/> texts answered for <paramref name="model"/>.</summary>
    public void Predictions(string model, int texts) => _predictions.Add(texts, new KeyValuePair<string, object?>("model", model));

    /// <summary>Rows written to the prediction log.</summary>
    public void PredictionLogWritten(int rows) => _predictionLogWritten.Add(rows);

    /// <summary>Prediction-log rows dropped; <paramref name="reason"/> is "queue_full" or "write_failed".</summary>
    public void PredictionLogDropped(string reason, int rows = 1) => _predictionLogDropped.Add(rows, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>One audit event appended, by its action name.</summary>
    public void AuditEventAppended(string action) => _auditEvents.Add(1, new KeyValuePair<string, object?>("action", action));

    /// <summary>
    /// Where the pending-approvals gauge reads its value at each scrape; must be quick (cache a count if
    /// it needs the database). Until one is set, or when it throws, the gauge is left out of the scrape.
    /// </summary>
    public void ObservePendingApprovalsWith(Func<long> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _pendingApprovals = callback;
    }

    private IEnumerable<Measurement<double>> ObserveTokensPerSecond()
    {
        lock (_gate)
        {
            return _tokensPerSecond.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("kind", p.Key))).ToList();
        }
    }

    private IEnumerable<Measurement<long>> ObservePendingApprovals()
    {
        if (_pendingApprovals is not { } callback)
        {
            return [];
        }
        try
        {
            return [new Measurement<long>(callback())];
        }
#pragma warning disable CA1031 // a failing callback must not break the whole scrape: the gauge is left out this time
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }
}
