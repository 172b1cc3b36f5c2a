namespace Governance.Pipelines.Serving;

/// <summary>Settings of the predict endpoint and its prediction log (configuration section "Serving").</summary>
public sealed class ServingOptions
{
    /// <summary>Most texts in one predict request; more is answered 413.</summary>
    public int MaxBatchSize { get; set; } = 64;
    /// <summary>Longest text in characters; longer is answered 413 (the model reads only its first MaxLength tokens anyway).</summary>
    public int MaxTextLength { get; set; } = 20_000;
    /// <summary>Share of predictions written to the log (0..1); a model's release policy may override it.</summary>
    public double LogSampleRate { get; set; } = 1.0;
    /// <summary>Logged predictions waiting for the background writer; when full, new ones are dropped and counted.</summary>
    public int LogQueueCapacity { get; set; } = 10_000;
    /// <summary>Most rows the background writer inserts in one transaction.</summary>
    public int LogBatchSize { get; set; } = 256;
    /// <summary>How long a request trusts the cached production version before asking the database again (0: every request).</summary>
    public TimeSpan ProductionCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Concurrent requests share forward passes of the encoder (see <see cref="ServedModel.PredictBatchedAsync"/>); false: one forward per request.</summary>
    public bool ShareForwardPasses { get; set; } = true;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (MaxBatchSize < 1) throw new ArgumentException($"Serving:MaxBatchSize must be at least 1, got {MaxBatchSize}.", nameof(MaxBatchSize));
        if (MaxTextLength < 1) throw new ArgumentException($"Serving:MaxTextLength must be at least 1, got {MaxTextLength}.", nameof(MaxTextLength));
        if (!(LogSampleRate is >= 0 and <= 1)) throw new ArgumentException($"Serving:LogSampleRate must be between 0 and 1, got {LogSampleRate}.", nameof(LogSampleRate));
        if (LogQueueCapacity < 1) throw new ArgumentException($"Serving:LogQueueCapacity must be at least 1, got {LogQueueCapacity}.", nameof(LogQueueCapacity));
        if (LogBatchSize < 1) throw new ArgumentException($"Serving:LogBatchSize must be at least 1, got {LogBatchSize}.", nameof(LogBatchSize));
        if (ProductionCheckInterval < TimeSpan.Zero) throw new ArgumentException("Serving:ProductionCheckInterval must not be negative.", nameof(ProductionCheckInterval));
    }
}
