using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// Cross-entropy of <paramref name="logits"/> (N, C) against class <paramref name="targets"/> (N), averaged as
    /// PyTorch does: sum_i w[y_i] * nll_i / sum_i w[y_i] over targets not equal to <paramref name="ignoreIndex"/>.
    /// When every target is ignored the loss is 0 (PyTorch gives NaN). Shape [1].
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, ReadOnlySpan<int> targets, int ignoreIndex = -100, ReadOnlySpan<float> classWeights = default)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2) throw new ArgumentException($"CrossEntropy needs logits (N, C), got {logits}.", nameof(logits));
        int n = logits.Shape[0], c = logits.Shape[1];
        if (targets.Length != n) throw new ArgumentException($"{targets.Length} targets for {n} rows of logits.", nameof(targets));
        if (!classWeights.IsEmpty && classWeights.Length != c)
            throw new ArgumentException($"{classWeights.Length} class weights for {c} classes.", nameof(classWeights));
        var t = targets.ToArray();
        var w = classWeights.IsEmpty ? null : classWeights.ToArray();
        var probs = new float[n * c];
        var x = logits.Array;
        double total = 0, weightSum = 0;
        for (var i = 0; i < n; i++)
        {
            var target = t[i];
            if (target == ignoreIndex) continue;
            if ((uint)target >= (uint)c) throw new ArgumentOutOfRangeException(nameof(targets), target, $"Target at row {i} is not a class in [0, {c}).");
            var row = x.AsSpan(i * c, c);
            var max = float.NegativeInfinity;
            foreach (var v in row) max = MathF.Max(max, v);
            double sum = 0;
            for (var j = 0; j < c; j++)
            {
                var e = MathF.Exp(row[j] - max);
                probs[i * c + j] = e;
                sum += e;
            }
            for (var j = 0; j < c; j++) probs[i * c + j] = (float)(probs[i * c + j] / sum);
            var lse = max + Math.Log(sum);
            var weight = w?[target] ?? 1f;
            total += weight * (lse - row[target]);
            weightSum += weight;
        }
        var y = Tensor.Empty(1);
        y.Data[0] = weightSum == 0 ? 0f : (float)(total / weightSum);
        if (Tape.ShouldRecord(logits))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy || weightSum == 0) return;
                var g = logits.EnsureGrad();
                var scale = dy[0] / (float)weightSum;
                for (var i = 0; i < n; i++)
                {
                    var target = t[i];
                    if (target == ignoreIndex) continue;
                    var f = scale * (w?[target] ?? 1f);
                    for (var j = 0; j < c; j++) g[i * c + j] += f * (probs[i * c + j] - (j == target ? 1f : 0f));
                }
            });
        }
        return y;
    }
}
