using System.Text.Json;
using Governance.Evaluation.Generation;
using Governance.Evaluation.Tests.Golden;

namespace Governance.Evaluation.Tests.Generation;

/// <summary>
/// sacrebleu is not installable here: golden values come from a Python re-statement of sacreBLEU's
/// definition (Golden/make_golden_metrics.py, Python's own regex engine for 13a), plus one published
/// sacreBLEU output and a case worked by hand.
/// </summary>
public class BleuTests
{
    private static readonly JsonElement Gold = GoldenFile.Load("generation.json");

    [Fact]
    public void Published_sacrebleu_example_is_reproduced()
    {
        // sacreBLEU README / Hugging Face datasets docs: score 48.530827009929865, counts [14,7,5,3],
        // totals [17,14,11,8], bp 0.9428731438548749, sys_len 17, ref_len 18.
        string[] hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
        string[] refs1 = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
        string[] refs2 = ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."];
        var r = Bleu.Corpus(hyps, [refs1, refs2]);
        Assert.Equal(48.530827009929865, r.Score, 1e-9);
        Assert.Equal([14L, 7, 5, 3], r.Matches);
        Assert.Equal([17L, 14, 11, 8], r.Totals);
        Assert.Equal(0.9428731438548749, r.BrevityPenalty, 1e-12);
        Assert.Equal((17L, 18L), (r.HypothesisLength, r.ReferenceLength));
    }

    [Fact]
    public void Tokenizer_13a_matches_pythons_regexes()
    {
        foreach (var c in Gold.GetProperty("tokenizer_13a").EnumerateArray())
            Assert.Equal(c.GetProperty("tokens").GetString(), Tokenizer13a.Tokenize(c.GetProperty("input").GetString()!));
    }

    [Fact]
    public void Corpus_bleu_matches_the_reference_definition_for_every_smoothing()
    {
        var bleu = Gold.GetProperty("bleu");
        string[] hyps = Strings(bleu, "hyps"), refs1 = Strings(bleu, "refs1"), refs2 = Strings(bleu, "refs2");
        foreach (var c in bleu.GetProperty("cases").EnumerateArray())
        {
            var options = new BleuOptions(Parse(c.GetProperty("smooth").GetString()!),
                c.GetProperty("smooth_value").ValueKind == JsonValueKind.Null ? null : c.Double("smooth_value"));
            IReadOnlyList<IReadOnlyList<string>> streams = c.GetProperty("streams").GetInt32() == 1 ? [refs1] : [refs1, refs2];
            var r = Bleu.Corpus(hyps, streams, options);
            Assert.Equal(c.Double("score"), r.Score, 1e-9);
            Assert.Equal(c.Ints("counts").Select(v => (long)v), r.Matches);
            Assert.Equal(c.Double("bp"), r.BrevityPenalty, 1e-12);
        }
        var sparse = Gold.GetProperty("bleu_sparse");
        foreach (var c in sparse.GetProperty("cases").EnumerateArray())
        {
            var r = Bleu.Corpus(Strings(sparse, "hyps"), [Strings(sparse, "refs")], new BleuOptions(Parse(c.GetProperty("smooth").GetString()!)));
            Assert.Equal(c.Double("score"), r.Score, 1e-9);
        }
    }

    [Fact]
    public void Exp_smoothing_worked_by_hand()
    {
        // Precisions 9/11, 5/9, 2/7 and no 4-gram match out of 5: exp smoothing gives 1/(2*5).
        var r = Bleu.Corpus(["the cat sat on the mat today", "dogs bark at night"], [["the cat sat in the mat today", "dogs bark all night"]]);
        double expected = 100 * Math.Pow(9.0 / 11 * 5.0 / 9 * 2.0 / 7 * 0.1, 0.25);
        Assert.Equal(expected, r.Score, 1e-9);
        Assert.Equal(10.0, r.Precisions[3], 12);
    }

    [Fact]
    public void Empty_hypothesis_has_zero_brevity_penalty_and_bad_input_throws()
    {
        Assert.Equal(0, Bleu.Corpus([""], [["a reference"]]).Score);
        Assert.Throws<ArgumentException>(() => Bleu.Corpus([], [[]]));
        Assert.Throws<ArgumentException>(() => Bleu.Corpus(["a", "b"], [["a"]]));
    }

    private static string[] Strings(JsonElement e, string p) => e.GetProperty(p).EnumerateArray().Select(v => v.GetString()!).ToArray();

    private static BleuSmoothing Parse(string s) => s switch
    {
        "exp" => BleuSmoothing.Exp,
        "none" => BleuSmoothing.None,
        "floor" => BleuSmoothing.Floor,
        _ => BleuSmoothing.AddK,
    };
}
