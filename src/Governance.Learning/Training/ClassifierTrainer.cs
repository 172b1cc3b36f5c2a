using System.Diagnostics;
using Governance.Learning.Autograd;
using Governance.Learning.Nn;
using Governance.Learning.Optim;
using Governance.Learning.Serialization;
using Governance.Learning.Tensors;

namespace Governance.Learning.Training;

/// <summary>
/// Fine-tunes a <see cref="SequenceClassifier"/> (full or LoRA, whatever is trainable) with AdamW, warm-up and
/// decay, clipping, accumulation, class weights, early stopping, progress, cancellation and resumable checkpoints.
/// With the same seed, data and options the loss curve is bit-identical.
/// </summary>
public sealed class ClassifierTrainer
{
    private readonly SequenceClassifier _model;
    private readonly TrainingOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a trainer; <paramref name="time"/> defaults to the system clock (used for tokens/s and ETA only).</summary>
    public ClassifierTrainer(SequenceClassifier model, TrainingOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.ClassWeights is not null && options.ClassWeights.Count != model.Config.NumLabels)
            throw new ArgumentException($"{options.ClassWeights.Count} class weights for {model.Config.NumLabels} labels.", nameof(options));
        _model = model;
        _options = options;
        _time = time ?? TimeProvider.System;
        Optimizer = new AdamW(model.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
    }

    /// <summary>The optimizer (its state is part of a checkpoint).</summary>
    public AdamW Optimizer { get; }

    /// <summary>
    /// Trains on <paramref name="train"/>, validating on <paramref name="validation"/> when given. With
    /// <paramref name="resumeFrom"/> (a checkpoint directory) it continues where that run stopped.
    /// </summary>
    public TrainingResult Train(IReadOnlyList<TokenizedExample> train, IReadOnlyList<TokenizedExample>? validation = null,
        CancellationToken cancellationToken = default, string? resumeFrom = null)
    {
        CheckData(train, nameof(train), requireTwoClasses: true);
        if (validation is not null) CheckData(validation, nameof(validation), requireTwoClasses: false);
        var o = _options;
        var batchesPerEpoch = (train.Count + o.BatchSize - 1) / o.BatchSize;
        var stepsPerEpoch = (batchesPerEpoch + o.GradientAccumulationSteps - 1) / o.GradientAccumulationSteps;
        var totalSteps = stepsPerEpoch * o.Epochs;
        var warmup = (int)Math.Round(o.WarmupFraction * totalSteps);
        var dropout = new RandomSource(o.Seed ^ 0x5DEECE66DUL);
        var losses = new List<float>();
        var validations = new List<ValidationResult>();
        var step = 0;
        if (resumeFrom is not null)
        {
            var state = TrainingCheckpoint.Load(resumeFrom, _model, Optimizer);
            step = state.Step;
            dropout.State = state.RandomState;
            losses.AddRange(state.LossCurve);
        }
        var weights = o.ClassWeights?.ToArray();
        ValidationResult? best = null;
        Dictionary<string, float[]>? bestWeights = null;
        var sinceBest = 0;
        var stoppedEarly = false;
        var started = _time.GetTimestamp();
        var startStep = step;
        long tokensSeen = 0;
        while (step < totalSteps && !stoppedEarly)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Asked to stop (a node shutting down, a cancel): keep the steps done since the last checkpoint,
                // so a resumed run repeats none of them.
                if (o.CheckpointDirectory is not null && step > startStep && step % o.CheckpointEverySteps != 0)
                    TrainingCheckpoint.Save(o.CheckpointDirectory, _model, Optimizer, step, dropout.State, losses);
                cancellationToken.ThrowIfCancellationRequested();
            }
            var epoch = step / stepsPerEpoch;
            var order = EpochOrder(train.Count, epoch);
            var firstBatch = step % stepsPerEpoch * o.GradientAccumulationSteps;
            var lastBatch = Math.Min(batchesPerEpoch, firstBatch + o.GradientAccumulationSteps);
            var micro = lastBatch - firstBatch;
            float stepLoss = 0;
            for (var b = firstBatch; b < lastBatch; b++)
            {
                var examples = order.Skip(b * o.BatchSize).Take(o.BatchSize).Select(i => train[i]).ToList();
                var (loss, tokens) = MicroStep(examples, weights, dropout, 1f / micro, step);
                stepLoss += loss / micro;
                tokensSeen += tokens;
            }
            var norm = o.MaxGradNorm > 0 ? Optimizer.ClipGradNorm(o.MaxGradNorm) : 0f;
            if (!float.IsFinite(norm)) throw new InvalidOperationException($"Gradient norm is {norm} at step {step + 1}; training diverged. Lower the learning rate.");
            Optimizer.LearningRate = o.LearningRate * LearningRateSchedule.Factor(o.Schedule, step, warmup, totalSteps);
            Optimizer.Update();
            Optimizer.ZeroGrad();
            step++;
            losses.Add(stepLoss);
            Report(step, totalSteps, epoch, stepLoss, started, startStep, tokensSeen);
            var endOfEpoch = step % stepsPerEpoch == 0;
            if (validation is not null && (o.EvaluateEverySteps > 0 ? step % o.EvaluateEverySteps == 0 : endOfEpoch))
            {
                var result = Evaluate(validation) with { Step = step };
                validations.Add(result);
                if (best is null || result.Loss < best.Loss)
                {
                    best = result;
                    sinceBest = 0;
                    if (o.EarlyStoppingPatience > 0) bestWeights = _model.Parameters().ToDictionary(p => p.Name, p => p.Value.ToArray());
                }
                else if (o.EarlyStoppingPatience > 0 && ++sinceBest >= o.EarlyStoppingPatience)
                {
                    stoppedEarly = true;
                }
            }
            if (o.CheckpointDirectory is not null && (step % o.CheckpointEverySteps == 0 || step == totalSteps || stoppedEarly))
                TrainingCheckpoint.Save(o.CheckpointDirectory, _model, Optimizer, step, dropout.State, losses);
        }
        if (bestWeights is not null)
            foreach (var p in _model.Parameters()) bestWeights[p.Name].CopyTo(p.Value.Data);
        return new TrainingResult(losses, validations, step, stoppedEarly, best);
    }

    private (float Loss, long Tokens) MicroStep(List<TokenizedExample> examples, float[]? weights, RandomSource dropout, float scale, int step)
    {
        using var scope = new TensorScope();
        try
        {
            var batch = BatchCollator.Collate(examples, _model.Config.PadTokenId, _model.Config.MaxPositions);
            var logits = _model.Forward(batch, training: true, dropout);
            var labels = examples.Select(e => e.Label).ToArray();
            var loss = Ops.CrossEntropy(logits, labels, classWeights: weights);
            var value = loss.Data[0];
            if (!float.IsFinite(value))
                throw new InvalidOperationException($"Loss is {value} at step {step + 1}; training diverged. Lower the learning rate or check the inputs.");
            Tape.Backward(scale == 1f ? loss : Ops.Scale(loss, scale));
            return (value, (long)batch.BatchSize * batch.SeqLen);
        }
        finally
        {
            Tape.Clear();
        }
    }

    private (int Epoch, int[] Order)? _order;

    /// <summary>The shuffled example order of an epoch; a pure function of seed and epoch, so a resumed run sees the same.</summary>
    private int[] EpochOrder(int count, int epoch)
    {
        if (_order is { } cached && cached.Epoch == epoch && cached.Order.Length == count) return cached.Order;
        var order = Enumerable.Range(0, count).ToArray();
        new RandomSource(_options.Seed + 0x9E3779B9UL * (ulong)(epoch + 1)).Shuffle(order);
        _order = (epoch, order);
        return order;
    }

    private void Report(int step, int totalSteps, int epoch, float loss, long started, int startStep, long tokens)
    {
        if (_options.Progress is null) return;
        var elapsed = _time.GetElapsedTime(started);
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var done = step - startStep;
        var eta = TimeSpan.FromSeconds(seconds / Math.Max(1, done) * (totalSteps - step));
        _options.Progress(new TrainingProgress(step, totalSteps, epoch, loss, Optimizer.LearningRate, tokens / seconds, eta));
    }

    /// <summary>Loss (with the configured class weights), accuracy and macro-F1 on labelled examples.</summary>
    public ValidationResult Evaluate(IReadOnlyList<TokenizedExample> data)
    {
        CheckData(data, nameof(data), requireTwoClasses: false);
        var labels = _model.Config.NumLabels;
        var predictions = _model.Predict(data, _options.BatchSize);
        double loss = 0, weightSum = 0;
        var confusion = new int[labels, labels];
        for (var i = 0; i < data.Count; i++)
        {
            var y = data[i].Label;
            var w = _options.ClassWeights?[y] ?? 1f;
            loss -= w * Math.Log(Math.Max(predictions[i].Probabilities[y], 1e-30f));
            weightSum += w;
            confusion[y, predictions[i].Label]++;
        }
        return new ValidationResult(0, (float)(loss / Math.Max(weightSum, 1e-30)), Metrics.Accuracy(confusion), Metrics.MacroF1(confusion));
    }

    private void CheckData(IReadOnlyList<TokenizedExample> data, string name, bool requireTwoClasses)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.Count == 0) throw new ArgumentException("The dataset is empty.", name);
        var labels = _model.Config.NumLabels;
        for (var i = 0; i < data.Count; i++)
            if (data[i] is null || (uint)data[i].Label >= (uint)labels)
                throw new ArgumentException($"Example {i} has label {data[i]?.Label} outside [0, {labels}).", name);
        if (requireTwoClasses && data.Select(e => e.Label).Distinct().Count() < 2)
            throw new ArgumentException($"The training data has only one class (label {data[0].Label}); a classifier needs at least two.", name);
    }
}
