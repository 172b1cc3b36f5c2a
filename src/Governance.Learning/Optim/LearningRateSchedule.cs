namespace Governance.Learning.Optim;

/// <summary>Shape of the learning rate after warm-up.</summary>
public enum ScheduleKind
{
    /// <summary>Linear decay to zero at the last step (Hugging Face's default).</summary>
    Linear,
    /// <summary>Half cosine to zero at the last step.</summary>
    Cosine,
    /// <summary>Constant after warm-up.</summary>
    Constant,
}

/// <summary>Linear warm-up from 0, then <see cref="ScheduleKind"/> decay; as transformers' get_*_schedule_with_warmup.</summary>
public static class LearningRateSchedule
{
    /// <summary>Multiplier of the base rate for 0-based <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public static float Factor(ScheduleKind kind, int step, int warmupSteps, int totalSteps)
    {
        if (step < warmupSteps) return (float)step / Math.Max(1, warmupSteps);
        if (kind == ScheduleKind.Constant) return 1f;
        var progress = (double)(step - warmupSteps) / Math.Max(1, totalSteps - warmupSteps);
        return kind == ScheduleKind.Linear
            ? (float)Math.Max(0.0, 1.0 - progress)
            : (float)Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * progress)));
    }
}
