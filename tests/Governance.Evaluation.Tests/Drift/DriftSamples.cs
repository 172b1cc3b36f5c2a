using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Drift;

/// <summary>Seeded synthetic samples for drift tests.</summary>
internal static class DriftSamples
{
    public static double[] Normal(SeededRandom rng, int n, double mean = 0, double sd = 1)
    {
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            while (u == 0)
            {
                u = rng.NextDouble();
            }

            x[i] = mean + (sd * SpecialFunctions.NormalQuantile(u));
        }

        return x;
    }

    public static string[] Categories(SeededRandom rng, int n, double[] weights, string[] names)
    {
        double total = weights.Sum();
        string[] x = new string[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble() * total;
            int k = 0;
            while (k < weights.Length - 1 && u >= weights[k])
            {
                u -= weights[k];
                k++;
            }

            x[i] = names[k];
        }

        return x;
    }

    /// <summary>Documents of 20-60 words drawn from a Zipf-like vocabulary of w0..w{vocabulary-1} starting at <paramref name="offset"/>.</summary>
    public static string[] Documents(SeededRandom rng, int n, int vocabulary, int offset)
    {
        var docs = new string[n];
        var words = new List<string>();
        for (int d = 0; d < n; d++)
        {
            words.Clear();
            int length = 20 + rng.NextInt(41);
            for (int t = 0; t < length; t++)
            {
                int rank = (int)(vocabulary * Math.Pow(rng.NextDouble(), 2.0)); // skewed to low ranks
                words.Add("w" + (rank + offset));
            }

            docs[d] = string.Join(' ', words);
        }

        return docs;
    }
}
