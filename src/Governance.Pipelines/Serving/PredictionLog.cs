using System.Threading.Channels;
using Governance.Data.Observability;

namespace Governance.Pipelines.Serving;

/// <summary>
/// The bounded queue between the predict path and <see cref="PredictionLogWriter"/> (singleton). Enqueueing
/// never waits: when the queue is full the row is dropped and counted (metric
/// governance.prediction_log.dropped, reason queue_full), so a slow database costs log rows, not latency.
/// </summary>
public sealed class PredictionLog
{
    private readonly Channel<PendingPrediction> _queue;
    private readonly GovernanceMetrics? _metrics;
    private long _pending;
    private long _dropped;

    public PredictionLog(ServingOptions options, GovernanceMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _queue = Channel.CreateBounded<PendingPrediction>(new BoundedChannelOptions(options.LogQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: we drop and count
            SingleReader = true,
        });
    }

    /// <summary>Rows queued or being written.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Rows dropped since start (queue full or write failed).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<PendingPrediction> Reader => _queue.Reader;

    /// <summary>Queues a row; false (and counted) when the queue is full.</summary>
    public bool TryEnqueue(PendingPrediction prediction)
    {
        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite(prediction))
        {
            return true;
        }
        Interlocked.Decrement(ref _pending);
        CountDropped("queue_full", 1);
        return false;
    }

    /// <summary>Waits until every queued row is written or dropped (tests, benchmarks, shutdown); false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var until = DateTime.UtcNow + timeout;
        while (Pending > 0)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }
            await Task.Delay(10, ct);
        }
        return true;
    }

    internal void Done(int rows) => Interlocked.Add(ref _pending, -rows);

    internal void CountDropped(string reason, int rows)
    {
        Interlocked.Add(ref _dropped, rows);
        _metrics?.PredictionLogDropped(reason, rows);
    }

    internal void CountWritten(int rows) => _metrics?.PredictionLogWritten(rows);
}
