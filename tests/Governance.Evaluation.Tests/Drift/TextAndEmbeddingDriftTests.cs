using System.Text.Json;
using Governance.Evaluation.Drift;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Drift;

public class TextAndEmbeddingDriftTests
{
    [Fact]
    public void Text_drift_reports_tokens_oov_length_and_classifier()
    {
        var rng = new SeededRandom(1);
        string[] reference = DriftSamples.Documents(rng, 300, 400, 0);
        string[] current = DriftSamples.Documents(rng, 300, 400, 150); // vocabulary shifted by 150 words
        TextDriftReport report = TextDrift.Compare("body", reference, current);
        Assert.True(report.Drifted);
        Assert.True(report.DomainClassifier.Statistic > 0.9, $"AUC {report.DomainClassifier.Statistic}");
        Assert.True(report.TokenDistribution.Drifted);
        Assert.True(report.OutOfVocabulary.Statistic > 0.05);
        Assert.Equal(300, report.DomainClassifier.ReferenceCount);
        Assert.Equal(DriftMethod.KolmogorovSmirnov, report.Length.Method); // 300 reference documents
        DriftHistogram scores = report.DomainClassifier.Histogram!;
        Assert.Equal(300, scores.ReferenceCounts.Sum());
        Assert.Equal(300, scores.CurrentCounts.Sum());
        Assert.True(scores.ReferenceCounts[0] > scores.ReferenceCounts[^1]); // reference documents score low
        Assert.Equal(report.OutOfVocabulary.Histogram!.CurrentCounts[1], long.Parse(report.OutOfVocabulary.Parameters!["unseenOccurrences"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(20, report.TokenDistribution.Histogram!.Categories!.Count);
        Assert.StartsWith("w", report.TokenDistribution.Histogram.Categories[0]); // real token text, not a hash
        Assert.Contains("\"DomainClassifier\":{\"SchemaVersion\":\"governance.evaluation/1\"", JsonSerializer.Serialize(report));
    }

    [Fact]
    public void Identical_text_samples_have_zero_token_distance_and_no_oov()
    {
        string[] docs = DriftSamples.Documents(new SeededRandom(2), 100, 300, 0);
        TextDriftReport report = TextDrift.Compare("body", docs, docs);
        Assert.Equal(0.0, report.TokenDistribution.Statistic!.Value, 12);
        Assert.Equal(0.0, report.OutOfVocabulary.Statistic!.Value);
    }

    [Fact]
    public void Tokens_are_lowercased_letter_or_digit_runs()
    {
        ulong[] a = TextTokens.Hash("Hello, WORLD! 42 héllo", 100);
        ulong[] b = TextTokens.Hash("hello world 42 HÉLLO", 100);
        Assert.Equal(4, a.Length);
        Assert.Equal(a, b);
        Assert.Equal(2, TextTokens.Hash("one two three", 2).Length);
        Assert.Empty(TextTokens.Hash(null, 10));
    }

    [Fact]
    public void Domain_classifier_needs_enough_documents_per_fold()
    {
        ColumnDriftResult r = DomainClassifier.Test("body", ["a b", "c d"], ["e f", "g h", "i j"]);
        Assert.Null(r.Drifted);
        Assert.Contains("5 documents", r.UndefinedReason);
    }

    [Fact]
    public void Mmd_detects_a_mean_shift_and_not_a_resample()
    {
        var rng = new SeededRandom(3);
        const int dim = 8;
        float[] Sample(int n, double shift) => DriftSamples.Normal(rng, n * dim).Select((v, i) => (float)(v + (i % dim == 0 ? shift : 0))).ToArray();
        ColumnDriftResult shifted = MaximumMeanDiscrepancy.Compare("emb", Sample(150, 0), Sample(150, 1.0), dim);
        Assert.True(shifted.Drifted);
        Assert.Equal(1.0 / 201, shifted.PValue!.Value, 12); // no permutation beats it
        Assert.True(shifted.Statistic > 0);

        ColumnDriftResult same = MaximumMeanDiscrepancy.Compare("emb", Sample(150, 0), Sample(150, 0), dim);
        Assert.False(same.Drifted, $"p = {same.PValue}");
        Assert.True(same.PValue > 0.05);
    }

    [Fact]
    public void Mmd_is_reproducible_from_its_seed_and_checks_input()
    {
        const int dim = 4;
        float[] a = DriftSamples.Normal(new SeededRandom(4), 60 * dim).Select(v => (float)v).ToArray();
        float[] b = DriftSamples.Normal(new SeededRandom(5), 50 * dim).Select(v => (float)(v + 0.2)).ToArray();
        ColumnDriftResult r1 = MaximumMeanDiscrepancy.Compare("e", a, b, dim);
        ColumnDriftResult r2 = MaximumMeanDiscrepancy.Compare("e", a, b, dim);
        Assert.Equal(r1.PValue, r2.PValue);
        Assert.Equal(r1.Statistic, r2.Statistic);
        Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.Compare("e", a, b[..5], dim));
        Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.Compare("e", [float.NaN, 0, 0, 0, 1, 1, 1, 1], b, dim));
        Assert.Throws<ArgumentException>(() => MaximumMeanDiscrepancy.Compare("e", a, b, dim, new EmbeddingDriftOptions { MaxSamplesPerSide = 10_000 }));
        ColumnDriftResult constant = MaximumMeanDiscrepancy.Compare("e", new float[8], new float[8], dim);
        Assert.False(constant.Drifted);

        // Mostly duplicates: the bandwidth falls back to the positive distances instead of 0.
        float[] dup = new float[20 * dim];
        dup[0] = 1f;
        ColumnDriftResult duplicates = MaximumMeanDiscrepancy.Compare("e", dup, new float[20 * dim], dim);
        Assert.Equal("1", duplicates.Parameters!["sigma"]);
        Assert.NotNull(duplicates.PValue);
    }

    [Fact]
    public void Prediction_drift_from_probabilities()
    {
        // Reference: mostly class 0 with high confidence; current: mostly class 1.
        var rng = new SeededRandom(6);
        double[] Rows(int n, double pClass1)
        {
            double[] p = new double[n * 2];
            for (int i = 0; i < n; i++)
            {
                double c = 0.6 + (0.4 * rng.NextDouble());
                bool one = rng.NextDouble() < pClass1;
                p[2 * i] = one ? 1 - c : c;
                p[(2 * i) + 1] = one ? c : 1 - c;
            }

            return p;
        }

        PredictionDriftReport report = PredictionDrift.FromProbabilities(Rows(500, 0.1), Rows(500, 0.6), 2);
        Assert.True(report.Labels.Drifted);
        Assert.Equal(DriftMethod.ChiSquare, report.Labels.Method);
        Assert.Equal("prediction:confidence", report.Confidence.Column);
        Assert.False(report.Confidence.Drifted); // same confidence law
        Assert.Throws<ArgumentException>(() => PredictionDrift.Confidence([0.5, 1.2], [0.5]));
        Assert.Throws<ArgumentException>(() => PredictionDrift.FromProbabilities([0.5, 0.5, 0.2], [0.5, 0.5], 2));
        PredictionDriftReport back = JsonSerializer.Deserialize<PredictionDriftReport>(JsonSerializer.Serialize(report))!;
        Assert.Equal(report.Labels.PValue, back.Labels.PValue);
        Assert.Equal(report.Confidence.Histogram!.BinEdges, back.Confidence.Histogram!.BinEdges);
    }
}
