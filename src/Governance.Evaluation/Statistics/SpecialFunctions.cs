namespace Governance.Evaluation.Statistics;

/// <summary>
/// Special functions shared by metrics and drift tests. Accuracy: about 1e-14 relative over the
/// ranges used here (checked against SciPy in the tests). Signatures are stable; other parts call them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="NormalCdf"/>(z) = P(Z &lt;= z), Z ~ N(0,1); <see cref="NormalSurvival"/>(z) = P(Z &gt; z), accurate in the upper tail.</item>
/// <item><see cref="NormalQuantile"/>(p): inverse of NormalCdf, p in (0,1); 0 and 1 give -inf/+inf.</item>
/// <item><see cref="LogGamma"/>(x), x &gt; 0.</item>
/// <item><see cref="RegularizedGammaP"/>(a, x) = gamma(a,x)/Gamma(a) (lower), <see cref="RegularizedGammaQ"/> = 1 - P (upper), a &gt; 0, x &gt;= 0.</item>
/// <item><see cref="ChiSquareSurvival"/>(x, df) = P(X &gt; x), X ~ chi2(df) = Q(df/2, x/2) (scipy.stats.chi2.sf).</item>
/// <item><see cref="RegularizedIncompleteBeta"/>(a, b, x) = I_x(a, b) (scipy.special.betainc).</item>
/// <item><see cref="Erfc"/>(x) complementary error function.</item>
/// </list>
/// </remarks>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double TinyValue = 1e-300;
    private const int MaxIterations = 10_000;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>Standard normal CDF, P(Z &lt;= z).</summary>
    public static double NormalCdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        return 0.5 * Erfc(-z / Math.Sqrt(2));
    }

    /// <summary>Standard normal survival function, P(Z &gt; z).</summary>
    public static double NormalSurvival(double z) => NormalCdf(-z);

    /// <summary>Standard normal quantile (probit), inverse of <see cref="NormalCdf"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or NaN.</exception>
    public static double NormalQuantile(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must be in [0, 1].");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0;
        // Work in the lower tail so that tiny tail probabilities stay accurate.
        bool upper = p > 0.5;
        double q = upper ? 1 - p : p;
        // Abramowitz & Stegun 26.2.23 start (|error| < 4.5e-4), then Halley steps on the exact CDF.
        double t = Math.Sqrt(-2 * Math.Log(q));
        double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
        for (int i = 0; i < 4; i++)
        {
            double e = NormalCdf(x) - q;
            double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(0.5 * x * x);
            x -= u / (1 + 0.5 * x * u);
        }
        return upper ? -x : x;
    }

    /// <summary>Complementary error function erfc(x) = 1 - erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2 - Erfc(-x);
        if (x == 0) return 1;
        // erfc(x) = Q(1/2, x^2) for x >= 0.
        return RegularizedGammaQ(0.5, x * x);
    }

    /// <summary>Natural log of the gamma function for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is defined here for x > 0.");
        if (double.IsPositiveInfinity(x)) return double.PositiveInfinity;
        // Shift up to x >= 15 by Gamma(x) = Gamma(x+n) / (x (x+1) ... (x+n-1)), then Stirling's series.
        double shiftLog = 0;
        if (x < 15)
        {
            double product = 1;
            while (x < 15)
            {
                product *= x;
                x += 1;
            }
            shiftLog = Math.Log(product);
        }
        double inv = 1 / x, inv2 = inv * inv;
        // Bernoulli-number terms B_2k / (2k (2k-1) x^(2k-1)), k = 1..7.
        double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680
            + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360 + inv2 * (1.0 / 156)))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series - shiftLog;
    }

    /// <summary>Regularized lower incomplete gamma P(a, x).</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        CheckGammaArguments(a, x);
        if (x == 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate when small.</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        CheckGammaArguments(a, x);
        if (x == 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>Chi-square survival function P(X &gt; x) with <paramref name="degreesOfFreedom"/> &gt; 0.</summary>
    public static double ChiSquareSurvival(double x, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be > 0.");
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Statistic is NaN.");
        if (x <= 0) return 1;
        return RegularizedGammaQ(degreesOfFreedom / 2, x / 2);
    }

    /// <summary>Regularized incomplete beta I_x(a, b), a, b &gt; 0, x in [0, 1].</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "a must be > 0.");
        if (!(b > 0)) throw new ArgumentOutOfRangeException(nameof(b), b, "b must be > 0.");
        if (!(x >= 0 && x <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be in [0, 1].");
        if (x == 0) return 0;
        if (x == 1) return 1;
        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        double front = Math.Exp(logFront);
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
        if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(a, b, x) / a;
        return 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    private static void CheckGammaArguments(double a, double x)
    {
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "Shape a must be > 0.");
        if (!(x >= 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be >= 0.");
    }

    // P(a,x) by its power series; used for x < a + 1.
    private static double GammaSeries(double a, double x)
    {
        double term = 1 / a, sum = term, ap = a;
        for (int n = 0; n < MaxIterations; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    // Q(a,x) by its continued fraction (modified Lentz); used for x >= a + 1.
    private static double GammaContinuedFraction(double a, double x)
    {
        double b = x + 1 - a, c = 1 / TinyValue, d = 1 / b, h = d;
        for (int i = 1; i < MaxIterations; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < TinyValue) d = TinyValue;
            c = b + an / c;
            if (Math.Abs(c) < TinyValue) c = TinyValue;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }

    // Continued fraction for I_x(a,b) (modified Lentz).
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < TinyValue) d = TinyValue;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MaxIterations; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d; if (Math.Abs(d) < TinyValue) d = TinyValue;
            c = 1 + aa / c; if (Math.Abs(c) < TinyValue) c = TinyValue;
            d = 1 / d; h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d; if (Math.Abs(d) < TinyValue) d = TinyValue;
            c = 1 + aa / c; if (Math.Abs(c) < TinyValue) c = TinyValue;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;
    }
}
