namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>A clock that stands still at a given instant (fire times and expiry are computed, never waited for).</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
