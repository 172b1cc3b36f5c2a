using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Drift;

/// <summary>
/// Binary logistic regression on sparse rows by plain SGD (log loss, constant step, a few epochs over
/// a seeded shuffle, L2 penalty applied lazily through a weight scale). Quick rather than optimal:
/// the domain classifier only needs to notice whether the two samples can be told apart.
/// </summary>
internal sealed class LogisticRegression
{
    private readonly float[] _weights;
    private double _bias;
    private double _scale = 1.0; // true weights = _scale * _weights

    private LogisticRegression(int dimension) => _weights = new float[dimension];

    public static LogisticRegression Train(SparseRows rows, int[] trainRows, int[] labels, int epochs, double learningRate, double l2, ulong seed)
    {
        var model = new LogisticRegression(rows.Dimension);
        var rng = new SeededRandom(seed);
        int[] order = (int[])trainRows.Clone();
        for (int e = 0; e < epochs; e++)
        {
            rng.Shuffle(order.AsSpan());
            foreach (int r in order)
            {
                double margin = (model._scale * rows.Dot(r, model._weights)) + model._bias;
                double p = 1.0 / (1.0 + Math.Exp(-margin));
                double g = p - labels[r]; // d loss / d margin

                model._scale *= 1.0 - (learningRate * l2);
                if (model._scale < 1e-6)
                {
                    model.Rescale();
                }

                float step = (float)(learningRate * g / model._scale);
                int start = rows.Offsets[r], length = rows.Offsets[r + 1] - start;
                ReadOnlySpan<int> indices = rows.Indices.AsSpan(start, length);
                ReadOnlySpan<float> values = rows.Values.AsSpan(start, length);
                float[] weights = model._weights;
                for (int k = 0; k < indices.Length; k++)
                {
                    weights[indices[k]] -= step * values[k];
                }

                model._bias -= learningRate * g;
            }
        }

        return model;
    }

    public double Score(SparseRows rows, int row) => (_scale * rows.Dot(row, _weights)) + _bias;

    private void Rescale()
    {
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] = (float)(_weights[i] * _scale);
        }

        _scale = 1.0;
    }
}
