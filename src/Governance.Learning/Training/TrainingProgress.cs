namespace Governance.Learning.Training;

/// <summary>Reported after each optimizer step. Tokens count padded positions processed.</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, int Epoch, float Loss, float LearningRate, double TokensPerSecond, TimeSpan EstimatedRemaining);

/// <summary>Validation result at one point of training.</summary>
public sealed record ValidationResult(int Step, float Loss, float Accuracy, float MacroF1);

/// <summary>Outcome of a run: loss per optimizer step, validations, and whether early stopping ended it.</summary>
public sealed record TrainingResult(IReadOnlyList<float> LossCurve, IReadOnlyList<ValidationResult> Validations, int StepsTaken, bool StoppedEarly, ValidationResult? Best);
