namespace Governance.Evaluation.Drift;

/// <summary>
/// Jensen-Shannon distance as SciPy's scipy.spatial.distance.jensenshannon: both vectors are scaled
/// to sum to 1, M = (P + Q) / 2, distance = sqrt((KL(P||M) + KL(Q||M)) / 2), natural log by default
/// (so the distance lies in [0, sqrt(ln 2)] = [0, 0.8326]; with base 2 it lies in [0, 1]).
/// Zero entries contribute nothing (0 ln 0 = 0), so no epsilon is needed.
/// </summary>
public static class JensenShannon
{
    /// <summary>Distance between two non-negative weight vectors of equal length (counts or proportions).</summary>
    /// <exception cref="ArgumentException">Lengths differ, a weight is negative or not finite, or a vector sums to 0.</exception>
    public static double Distance(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double logBase = Math.E)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({p.Length} vs {q.Length}).", nameof(q));
        }

        if (!(logBase > 0 && logBase != 1 && double.IsFinite(logBase)))
        {
            throw new ArgumentException("The log base must be positive, finite and not 1.", nameof(logBase));
        }

        double sumP = SumOfWeights(p, nameof(p));
        double sumQ = SumOfWeights(q, nameof(q));
        double divergence = 0.0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = p[i] / sumP, qi = q[i] / sumQ;
            double mi = 0.5 * (pi + qi);
            if (pi > 0)
            {
                divergence += pi * Math.Log(pi / mi);
            }

            if (qi > 0)
            {
                divergence += qi * Math.Log(qi / mi);
            }
        }

        divergence /= Math.Log(logBase);
        return Math.Sqrt(Math.Max(divergence / 2.0, 0.0));
    }

    internal static double Distance(ReadOnlySpan<long> p, ReadOnlySpan<long> q)
    {
        double[] pd = new double[p.Length], qd = new double[q.Length];
        for (int i = 0; i < p.Length; i++)
        {
            pd[i] = p[i];
            qd[i] = q[i];
        }

        return Distance(pd, qd);
    }

    private static double SumOfWeights(ReadOnlySpan<double> w, string name)
    {
        double sum = 0.0;
        foreach (double x in w)
        {
            if (!(x >= 0) || !double.IsFinite(x))
            {
                throw new ArgumentException("Weights must be finite and non-negative.", name);
            }

            sum += x;
        }

        if (sum <= 0)
        {
            throw new ArgumentException("Weights sum to zero.", name);
        }

        return sum;
    }
}
