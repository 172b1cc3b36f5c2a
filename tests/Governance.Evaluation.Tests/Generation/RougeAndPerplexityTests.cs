using Governance.Evaluation.Generation;
using Governance.Evaluation.Tests.Golden;

namespace Governance.Evaluation.Tests.Generation;

public class RougeAndPerplexityTests
{
    [Fact]
    public void Rouge_matches_the_rouge_score_definition()
    {
        var rouge = GoldenFile.Load("generation.json").GetProperty("rouge");
        var hyps = rouge.GetProperty("hyps").EnumerateArray().Select(v => v.GetString()!).ToArray();
        var refs = rouge.GetProperty("refs").EnumerateArray().Select(v => v.GetString()!).ToArray();
        var pairs = rouge.GetProperty("pairs").EnumerateArray().ToArray();
        for (int i = 0; i < hyps.Length; i++)
        {
            var (one, two, l) = Rouge.Segment(hyps[i], refs[i]);
            Same(pairs[i].Doubles("rouge1"), one);
            Same(pairs[i].Doubles("rouge2"), two);
            Same(pairs[i].Doubles("rougeL"), l);
        }
        var corpus = Rouge.Corpus(hyps, refs);
        Assert.Equal(pairs.Average(p => p.Doubles("rougeL")[2]), corpus.RougeL.FMeasure, 12);
    }

    private static void Same(double[] expected, RougeScore actual)
    {
        Assert.Equal(expected[0], actual.Precision, 1e-12);
        Assert.Equal(expected[1], actual.Recall, 1e-12);
        Assert.Equal(expected[2], actual.FMeasure, 1e-12);
    }

    [Fact]
    public void Rouge_l_worked_by_hand()
    {
        // LCS of "a b c d" and "a c b d" has length 3: P = R = F = 3/4.
        var (_, _, l) = Rouge.Segment("a b c d", "a c b d");
        Assert.Equal(0.75, l.FMeasure, 12);
    }

    [Fact]
    public void Perplexity_is_exp_of_mean_negative_log_likelihood()
    {
        // Uniform over 4 tokens: every ln p = ln(1/4), perplexity 4.
        var r = Perplexity.FromLogLikelihoods([[Math.Log(0.25), Math.Log(0.25)], [Math.Log(0.25)]]);
        Assert.Equal(4, r.Value, 12);
        Assert.Equal(3, r.Tokens);
        Assert.Throws<ArgumentException>(() => Perplexity.FromLogLikelihoods([0.5]));
        Assert.Throws<ArgumentException>(() => Perplexity.FromLogLikelihoods([double.NaN]));
        Assert.Throws<ArgumentException>(() => Perplexity.FromLogLikelihoods(Array.Empty<double>()));
    }
}
