using Governance.Learning.Optim;

namespace Governance.Learning.Training;

/// <summary>Hyper-parameters and hooks of a fine-tuning run.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Examples per micro-batch.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Micro-batches whose gradients are summed (averaged) before one optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Peak learning rate.</summary>
    public float LearningRate { get; init; } = 5e-5f;

    /// <summary>Decoupled weight decay (not applied to norms and biases).</summary>
    public float WeightDecay { get; init; } = 0.01f;

    /// <summary>Fraction of optimizer steps spent warming up linearly from 0.</summary>
    public float WarmupFraction { get; init; } = 0.1f;

    /// <summary>Decay after warm-up.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Linear;

    /// <summary>Global gradient-norm clip; 0 disables.</summary>
    public float MaxGradNorm { get; init; } = 1f;

    /// <summary>Per-class loss weights (length num_labels), or null for equal weights.</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>Stop after this many validations without improvement of validation loss; 0 disables.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Validate every this many optimizer steps; 0 validates at the end of each epoch.</summary>
    public int EvaluateEverySteps { get; init; }

    /// <summary>Seed of initial shuffles and dropout.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Called after each optimizer step.</summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>Directory for training checkpoints; null writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Write a checkpoint every this many optimizer steps (and at the end) when a directory is set.</summary>
    public int CheckpointEverySteps { get; init; } = 100;

    /// <summary>Throws on settings that cannot work.</summary>
    public void Validate()
    {
        if (Epochs <= 0) throw new ArgumentException($"Epochs must be positive, got {Epochs}.", nameof(Epochs));
        if (BatchSize <= 0) throw new ArgumentException($"BatchSize must be positive, got {BatchSize}.", nameof(BatchSize));
        if (GradientAccumulationSteps <= 0) throw new ArgumentException($"GradientAccumulationSteps must be positive, got {GradientAccumulationSteps}.", nameof(GradientAccumulationSteps));
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate)) throw new ArgumentException($"LearningRate must be positive and finite, got {LearningRate}.", nameof(LearningRate));
        if (WeightDecay < 0) throw new ArgumentException($"WeightDecay cannot be negative, got {WeightDecay}.", nameof(WeightDecay));
        if (WarmupFraction is < 0 or > 1) throw new ArgumentException($"WarmupFraction must be in [0, 1], got {WarmupFraction}.", nameof(WarmupFraction));
        if (MaxGradNorm < 0) throw new ArgumentException($"MaxGradNorm cannot be negative, got {MaxGradNorm}.", nameof(MaxGradNorm));
        if (EarlyStoppingPatience < 0) throw new ArgumentException($"EarlyStoppingPatience cannot be negative, got {EarlyStoppingPatience}.", nameof(EarlyStoppingPatience));
        if (CheckpointEverySteps <= 0) throw new ArgumentException($"CheckpointEverySteps must be positive, got {CheckpointEverySteps}.", nameof(CheckpointEverySteps));
        if (ClassWeights is not null && ClassWeights.Any(w => !(w >= 0) || float.IsInfinity(w)))
            throw new ArgumentException("ClassWeights must be finite and non-negative.", nameof(ClassWeights));
    }
}
