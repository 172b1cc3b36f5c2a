namespace Governance.Web.Observability;

/// <summary>How an instrument is aggregated and exported.</summary>
internal enum MetricKind
{
    /// <summary>Monotonic sum of added values (Prometheus counter, name ends in _total).</summary>
    Counter,
    /// <summary>Sum that may go down (Prometheus gauge).</summary>
    UpDownCounter,
    /// <summary>Explicit-bucket histogram (cumulative _bucket, _sum, _count).</summary>
    Histogram,
    /// <summary>Last observed value, replaced at each collection (observable gauges and observable counters).</summary>
    Observed,
}

/// <summary>One time series: a label set of one instrument, with its running aggregate.</summary>
internal sealed class MetricSeries(string labels, int bucketCount)
{
    private readonly object _gate = new();
    private double _value;
    private readonly long[] _buckets = new long[bucketCount + 1]; // last one is +Inf
    private long _count;

    /// <summary>Rendered label pairs, e.g. <c>method="GET",route="/x"</c>; empty for no labels.</summary>
    public string Labels { get; } = labels;

    public void Add(double value)
    {
        lock (_gate)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_gate)
        {
            _value = value;
        }
    }

    public void Observe(double value, IReadOnlyList<double> bounds)
    {
        var index = 0;
        while (index < bounds.Count && value > bounds[index])
        {
            index++;
        }
        lock (_gate)
        {
            _buckets[index]++;
            _count++;
            _value += value;
        }
    }

    /// <summary>A consistent copy: value (sum for histograms), count, and non-cumulative bucket counts.</summary>
    public (double Value, long Count, long[] Buckets) Snapshot()
    {
        lock (_gate)
        {
            return (_value, _count, (long[])_buckets.Clone());
        }
    }
}
