namespace Governance.Pipelines.UseCases;

/// <summary>Settings of the loop (configuration section "Loop").</summary>
public sealed class LoopOptions
{
    /// <summary>Where runs keep checkpoints and unpacked artifacts; default: the system temp folder.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "governance-loop");
    /// <summary>Largest model artifact the loop registers.</summary>
    public long MaxArtifactBytes { get; set; } = 512L * 1024 * 1024;
    /// <summary>Largest dataset snapshot the loop writes.</summary>
    public long MaxDatasetBytes { get; set; } = 1024L * 1024 * 1024;
    /// <summary>Folder with the npm first-name lists (node_modules/@stdlib); null = look upwards from the working directory.</summary>
    public string? NodeModulesDirectory { get; set; }
    /// <summary>Bootstrap resamples for intervals and paired comparisons.</summary>
    public int BootstrapResamples { get; set; } = 1000;
    /// <summary>Smallest group the fairness metrics compare.</summary>
    public int MinimumGroupSize { get; set; } = 30;
    /// <summary>Base delay of webhook retries (doubled... x4 per attempt).</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Training used when a model has no version yet to copy the configuration from.</summary>
    public TrainingSpec DefaultTraining { get; set; } = TrainingSpec.Demo; // a fresh instance: binding writes into it
}
