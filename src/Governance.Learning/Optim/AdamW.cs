using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Governance.Learning.Nn;

namespace Governance.Learning.Optim;

/// <summary>
/// AdamW with decoupled weight decay, in PyTorch's order: p *= 1 - lr*wd (only where decay applies);
/// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps).
/// Norms and biases (Decay = false) get no weight decay.
/// </summary>
public sealed class AdamW
{
    private readonly NamedParameter[] _parameters;

    /// <summary>Optimises the parameters that require a gradient.</summary>
    public AdamW(IEnumerable<NamedParameter> parameters, float learningRate = 5e-5f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0.01f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (learningRate < 0 || float.IsNaN(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Learning rate must be non-negative.");
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be non-negative.");
        _parameters = parameters.Where(p => p.Value.RequiresGrad).ToArray();
        if (_parameters.Length == 0) throw new ArgumentException("No trainable parameters: every parameter is frozen.", nameof(parameters));
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        FirstMoments = _parameters.Select(p => new float[p.Value.Size]).ToArray();
        SecondMoments = _parameters.Select(p => new float[p.Value.Size]).ToArray();
    }

    /// <summary>The parameters updated, in a fixed order.</summary>
    public IReadOnlyList<NamedParameter> Parameters => _parameters;

    /// <summary>Learning rate for the next step (a schedule sets it).</summary>
    public float LearningRate { get; set; }

    /// <summary>beta1.</summary>
    public float Beta1 { get; }

    /// <summary>beta2.</summary>
    public float Beta2 { get; }

    /// <summary>epsilon.</summary>
    public float Eps { get; }

    /// <summary>Decoupled weight decay.</summary>
    public float WeightDecay { get; }

    /// <summary>Steps taken.</summary>
    public int Step { get; internal set; }

    internal float[][] FirstMoments { get; }

    internal float[][] SecondMoments { get; }

    /// <summary>Applies one update from the current gradients (a missing gradient counts as zero).</summary>
    public void Update()
    {
        Step++;
        var bc1 = 1.0 - Math.Pow(Beta1, Step);
        var bc2 = 1.0 - Math.Pow(Beta2, Step);
        var stepSize = (float)(LearningRate / bc1);
        var bc2Sqrt = (float)Math.Sqrt(bc2);
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            var decay = p.Decay ? 1f - LearningRate * WeightDecay : 1f;
            AdamWKernel.Update(p.Value.Data, p.Value.Grad, FirstMoments[i], SecondMoments[i], decay, Beta1, Beta2, stepSize, bc2Sqrt, Eps);
        }
    }

    /// <summary>Zeroes every gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Value.ZeroGrad();
    }

    /// <summary>Scales gradients so their global L2 norm is at most <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public float ClipGradNorm(float maxNorm)
    {
        double sum = 0;
        foreach (var p in _parameters) sum += TensorPrimitives.SumOfSquares(p.Value.Grad);
        var norm = (float)Math.Sqrt(sum);
        if (maxNorm > 0 && norm > maxNorm)
        {
            // PyTorch: clip_coef = max_norm / (total_norm + 1e-6).
            var scale = maxNorm / (norm + 1e-6f);
            foreach (var p in _parameters)
            {
                var g = p.Value.Grad;
                TensorPrimitives.Multiply(g, scale, g);
            }
        }
        return norm;
    }
}
