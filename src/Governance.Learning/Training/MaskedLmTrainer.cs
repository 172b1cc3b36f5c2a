using Governance.Learning.Autograd;
using Governance.Learning.Nn;
using Governance.Learning.Optim;
using Governance.Learning.Tensors;

namespace Governance.Learning.Training;

/// <summary>Domain-adaptive pre-training of a <see cref="MaskedLanguageModel"/> on unlabeled token sequences.</summary>
public sealed class MaskedLmTrainer
{
    private readonly MaskedLanguageModel _model;
    private readonly TrainingOptions _options;
    private readonly MaskedLmOptions _masking;

    /// <summary>Creates the trainer; labels of the examples are ignored.</summary>
    public MaskedLmTrainer(MaskedLanguageModel model, TrainingOptions options, MaskedLmOptions masking)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(masking);
        options.Validate();
        if ((uint)masking.MaskTokenId >= (uint)model.Config.VocabSize)
            throw new ArgumentException($"Mask token id {masking.MaskTokenId} is outside the vocabulary of {model.Config.VocabSize}.", nameof(masking));
        if (masking.MaskProbability is <= 0 or >= 1)
            throw new ArgumentException($"Mask probability must be in (0, 1), got {masking.MaskProbability}.", nameof(masking));
        _model = model;
        _options = options;
        _masking = masking;
        Optimizer = new AdamW(model.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
    }

    /// <summary>The optimizer.</summary>
    public AdamW Optimizer { get; }

    /// <summary>Trains and returns the masked-token loss per optimizer step.</summary>
    public IReadOnlyList<float> Train(IReadOnlyList<TokenizedExample> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("The dataset is empty.", nameof(texts));
        var o = _options;
        var random = new RandomSource(o.Seed);
        var batches = (texts.Count + o.BatchSize - 1) / o.BatchSize;
        var stepsPerEpoch = (batches + o.GradientAccumulationSteps - 1) / o.GradientAccumulationSteps;
        var total = stepsPerEpoch * o.Epochs;
        var warmup = (int)Math.Round(o.WarmupFraction * total);
        var losses = new List<float>();
        var special = _masking.SpecialTokenIds.ToHashSet();
        for (var step = 0; step < total; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epoch = step / stepsPerEpoch;
            var order = Enumerable.Range(0, texts.Count).ToArray();
            new RandomSource(o.Seed + 0x9E3779B9UL * (ulong)(epoch + 1)).Shuffle(order);
            var first = step % stepsPerEpoch * o.GradientAccumulationSteps;
            var last = Math.Min(batches, first + o.GradientAccumulationSteps);
            float stepLoss = 0;
            for (var b = first; b < last; b++)
            {
                using var scope = new TensorScope();
                try
                {
                    var examples = order.Skip(b * o.BatchSize).Take(o.BatchSize).Select(i => texts[i]).ToList();
                    var batch = BatchCollator.Collate(examples, _model.Config.PadTokenId, _model.Config.MaxPositions);
                    var labels = Mask(batch, special, random);
                    var loss = Ops.CrossEntropy(_model.Forward(batch, true, random), labels);
                    var value = loss.Data[0];
                    if (!float.IsFinite(value)) throw new InvalidOperationException($"Loss is {value} at step {step + 1}; training diverged.");
                    stepLoss += value / (last - first);
                    Tape.Backward(Ops.Scale(loss, 1f / (last - first)));
                }
                finally
                {
                    Tape.Clear();
                }
            }
            if (o.MaxGradNorm > 0) Optimizer.ClipGradNorm(o.MaxGradNorm);
            Optimizer.LearningRate = o.LearningRate * LearningRateSchedule.Factor(o.Schedule, step, warmup, total);
            Optimizer.Update();
            Optimizer.ZeroGrad();
            losses.Add(stepLoss);
            o.Progress?.Invoke(new TrainingProgress(step + 1, total, epoch, stepLoss, Optimizer.LearningRate, 0, TimeSpan.Zero));
        }
        return losses;
    }

    /// <summary>Replaces chosen tokens in place and returns labels (-100 where nothing is predicted).</summary>
    private int[] Mask(EncoderBatch batch, HashSet<int> special, RandomSource random)
    {
        var labels = new int[batch.InputIds.Length];
        Array.Fill(labels, -100);
        for (var i = 0; i < labels.Length; i++)
        {
            var id = batch.InputIds[i];
            if (batch.AttentionMask[i] == 0 || special.Contains(id) || random.NextFloat() >= _masking.MaskProbability) continue;
            labels[i] = id;
            var r = random.NextFloat();
            if (r < 0.8f) batch.InputIds[i] = _masking.MaskTokenId;
            else if (r < 0.9f) batch.InputIds[i] = random.NextInt(_model.Config.VocabSize);
        }
        return labels;
    }
}
