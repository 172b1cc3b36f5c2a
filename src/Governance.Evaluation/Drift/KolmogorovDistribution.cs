namespace Governance.Evaluation.Drift;

/// <summary>
/// Null distribution of the two-sided two-sample Kolmogorov-Smirnov statistic D.
/// Exact: lattice-path counting (Hodges 1958), evaluated as probabilities so nothing overflows;
/// the unequal-size case uses Viehmann's recursion for 1 - P(inside) (arXiv:2102.08037), the
/// equal-size case the alternating binomial sum in Horner form. These are the algorithms behind
/// SciPy's ks_2samp(method='exact'). Asymptotic: Kolmogorov's limiting distribution at
/// lambda = sqrt(n1 n2 / (n1 + n2)) D.
/// </summary>
internal static class KolmogorovDistribution
{
    /// <summary>P(D >= h / lcm(n1, n2)) under the null, exactly (up to rounding).</summary>
    public static double ExactSurvival(int n1, int n2, long h)
    {
        if (h <= 0)
        {
            return 1.0;
        }

        double p = n1 == n2 ? OutsideSquare(n1, h) : OutsideBand(n1, n2, h);
        return Math.Clamp(p, 0.0, 1.0);
    }

    // Equal sizes: P = 2 * sum_k (-1)^(k-1) C(2n, n-kh) / C(2n, n), as A1 (1 - A2 (1 - A3 (...))).
    private static double OutsideSquare(int n, long h)
    {
        double total = 0.0;
        for (long k = n / h; k >= 0; k--)
        {
            double term = 1.0;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            total = term * (1.0 - total);
        }

        return 2.0 * total;
    }

    // Unequal sizes. A lattice path from (0,0) to (m,n) is "inside" while |ng x - mg y| < h
    // (g = gcd, mg = m/g, ng = n/g). a[y] holds the probability that a uniformly random path to
    // (x, y) has already left the band; outside the band it is 1. Only a sliding window of y is kept.
    private static double OutsideBand(int n1, int n2, long h)
    {
        int m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        long g = Gcd(m, n);
        long mg = m / g, ng = n / g;

        int minJ = 0;
        int maxJ = (int)Math.Min(CeilDiv(h, mg), n + 1L);
        double[] previous = new double[n + 1];
        double[] current = new double[n + 1];
        Array.Fill(previous, 0.0, 0, maxJ);

        for (int x = 1; x <= m; x++)
        {
            int lastMinJ = minJ, lastMaxJ = maxJ;
            minJ = (int)Math.Clamp(FloorDiv((ng * x) - h, mg) + 1, 0, n);
            maxJ = (int)Math.Min(CeilDiv((ng * x) + h, mg), n + 1L);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            double below = minJ == 0 ? 0.0 : 1.0; // value at (x, minJ - 1): outside unless it does not exist
            for (int y = minJ; y < maxJ; y++)
            {
                double left = y >= lastMinJ && y < lastMaxJ ? previous[y - lastMinJ] : 1.0;
                below = ((left * x) + (below * y)) / (x + y);
                current[y - minJ] = below;
            }

            (previous, current) = (current, previous);
        }

        return previous[n - minJ];
    }

    /// <summary>Kolmogorov's limiting survival function Q(lambda) = 2 sum_k (-1)^(k-1) exp(-2 k^2 lambda^2).</summary>
    public static double LimitingSurvival(double lambda)
    {
        if (lambda <= 0.0)
        {
            return 1.0;
        }

        if (lambda < 1.0)
        {
            // Theta-function form of the CDF converges fast for small lambda.
            double sum = 0.0;
            double factor = -Math.PI * Math.PI / (8.0 * lambda * lambda);
            for (int k = 1; k < 50; k++)
            {
                double odd = (2 * k) - 1;
                double term = Math.Exp(factor * odd * odd);
                sum += term;
                if (term < 1e-18 * sum)
                {
                    break;
                }
            }

            return Math.Clamp(1.0 - (Math.Sqrt(2.0 * Math.PI) / lambda * sum), 0.0, 1.0);
        }

        double total = 0.0;
        double sign = 1.0;
        for (int k = 1; k < 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * lambda * lambda);
            total += sign * term;
            if (term < 1e-18 * Math.Abs(total) || term == 0.0)
            {
                break;
            }

            sign = -sign;
        }

        return Math.Clamp(2.0 * total, 0.0, 1.0);
    }

    public static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
