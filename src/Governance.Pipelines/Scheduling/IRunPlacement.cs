using Governance.Pipelines.Jobs;

namespace Governance.Pipelines.Scheduling;

/// <summary>Where a run that no person started (a schedule's fire, a drift-triggered retrain) goes, and the parameters that say so.</summary>
public sealed record RunPlacement(bool RequiresGpu, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The CPU scheduler, no extra parameters.</summary>
    public static RunPlacement Cpu { get; } = new(false, new Dictionary<string, string>());
}

/// <summary>
/// Decides the placement of automatic runs. The scheduler's default puts every run on the CPU; the
/// loop registers one that reads the model's release policy (<c>TrainOnGpu</c>, <c>AllowCpuFallback</c>).
/// </summary>
public interface IRunPlacement
{
    Task<RunPlacement> PlaceAsync(JobKind kind, string? modelName, CancellationToken ct);
}

internal sealed class CpuRunPlacement : IRunPlacement
{
    public Task<RunPlacement> PlaceAsync(JobKind kind, string? modelName, CancellationToken ct) => Task.FromResult(RunPlacement.Cpu);
}
