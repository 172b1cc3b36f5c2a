using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Governance.Data.Observability;

namespace Governance.Web.Observability;

/// <summary>
/// Listens to the meters whose name starts with "Governance" and that were created by this host's
/// <see cref="IMeterFactory"/> (so parallel hosts in one process stay apart), aggregates their
/// measurements in memory, and writes them in the Prometheus text exposition format (version 0.0.4).
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _instruments = new();
    private readonly object _collectGate = new();

    public MetricsCollector(IMeterFactory meterFactory, GovernanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(metrics); // created first, so its instruments are published below
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && instrument.Meter.Name.StartsWith(GovernanceMetrics.MeterName, StringComparison.Ordinal))
            {
                var aggregate = InstrumentAggregate.For(instrument);
                if (aggregate is not null)
                {
                    _instruments[instrument] = aggregate;
                    listener.EnableMeasurementEvents(instrument, aggregate);
                }
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out var _);
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments, then writes every series in Prometheus text format.</summary>
    public string Scrape()
    {
        lock (_collectGate)
        {
            foreach (var aggregate in _instruments.Values.Where(a => a.Kind == MetricKind.Observed))
            {
                aggregate.Clear(); // a series that a callback no longer reports disappears
            }
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var aggregate in _instruments.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                aggregate.WriteTo(text);
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The series of one instrument and how to export them.</summary>
    private sealed class InstrumentAggregate(Instrument instrument, MetricKind kind, string name, IReadOnlyList<double> buckets)
    {
        private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);

        public MetricKind Kind { get; } = kind;

        public string Name { get; } = name;

        public static InstrumentAggregate? For(Instrument instrument)
        {
            var type = instrument.GetType().GetGenericTypeDefinition();
            MetricKind? kind = type == typeof(Counter<>) ? MetricKind.Counter
                : type == typeof(UpDownCounter<>) ? MetricKind.UpDownCounter
                : type == typeof(Histogram<>) ? MetricKind.Histogram
                : instrument.IsObservable ? MetricKind.Observed
                : null;
            if (kind is not { } k)
            {
                return null;
            }
            var total = type == typeof(Counter<>) || type == typeof(ObservableCounter<>);
            var buckets = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries
                ?? (instrument as Histogram<long>)?.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList()
                ?? (IReadOnlyList<double>)DefaultBuckets;
            return new InstrumentAggregate(instrument, k, PrometheusText.MetricName(instrument.Name, instrument.Unit, total), buckets);
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = PrometheusText.Labels(tags);
            var series = _series.GetOrAdd(labels, l => new MetricSeries(l, buckets.Count));
            switch (Kind)
            {
                case MetricKind.Histogram:
                    series.Observe(value, buckets);
                    break;
                case MetricKind.Observed:
                    series.Set(value);
                    break;
                default:
                    series.Add(value);
                    break;
            }
        }

        public void Clear() => _series.Clear();

        public void WriteTo(StringBuilder text)
        {
            var all = _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal).ToList();
            if (all.Count == 0)
            {
                return;
            }
            var type = Kind switch
            {
                MetricKind.Counter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            };
            var help = instrument.Description ?? instrument.Name;
            text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.EscapeHelp(help)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var series in all)
            {
                var (value, count, counts) = series.Snapshot();
                if (Kind != MetricKind.Histogram)
                {
                    PrometheusText.Sample(text, Name, series.Labels, value);
                    continue;
                }
                long cumulative = 0;
                for (var i = 0; i < counts.Length; i++)
                {
                    cumulative += counts[i];
                    var le = i < buckets.Count ? PrometheusText.Number(buckets[i]) : "+Inf";
                    var labels = series.Labels.Length == 0 ? $"le=\"{le}\"" : $"{series.Labels},le=\"{le}\"";
                    PrometheusText.Sample(text, Name + "_bucket", labels, cumulative);
                }
                PrometheusText.Sample(text, Name + "_sum", series.Labels, value);
                PrometheusText.Sample(text, Name + "_count", series.Labels, count);
            }
        }
    }
}
