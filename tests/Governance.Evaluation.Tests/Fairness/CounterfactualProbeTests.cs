using Governance.Evaluation.Fairness;

namespace Governance.Evaluation.Tests.Fairness;

public sealed class CounterfactualProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("names").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A deliberately biased model: P(positive) is 0.9 when the text says "she" or names Mary, else 0.3.
    private static double[][] Biased(IReadOnlyList<string> texts) =>
        texts.Select(t =>
        {
            bool female = t.Contains("she", StringComparison.OrdinalIgnoreCase) || t.Contains("Mary", StringComparison.Ordinal);
            double p = female ? 0.9 : 0.3;
            return new[] { 1 - p, p };
        }).ToArray();

    [Fact]
    public void Pronoun_swaps_expose_a_biased_model()
    {
        string[] texts = ["She said he was late.", "The report is ready.", "he thanked her team", "Give it to her."];
        var r = CounterfactualProbe.Run(texts, Biased, new CounterfactualOptions(WorstExamples: 2));
        Assert.Equal(4, r.Texts);
        Assert.Equal(3, r.Probed); // the second text has nothing to swap
        var first = r.Worst.Single(e => e.Index == 0);
        Assert.Equal("He said she was late.", first.Counterfactual);
        var swapper = new IdentitySwapper(new CounterfactualOptions());
        Assert.Equal("she thanked his team", swapper.Swap(texts[2]).Text); // "her" before a word -> "his"
        Assert.Equal("Give it to him.", swapper.Swap(texts[3]).Text);      // "her" at the end -> "him"
        // Text 0 keeps a "she" either way (0.9 -> 0.9); text 2 gains one and flips (0.3 -> 0.9); text 3 never has one.
        Assert.Equal(1, r.Flips);
        Assert.Equal(1.0 / 3, r.FlipRate!.Value, 12);
        Assert.Equal(0.6 / 3, r.MeanAbsoluteChange!.Value, 12);
        Assert.Equal(0.6, r.MaxAbsoluteChange!.Value, 12);
        Assert.Equal(2, r.Worst.Count);
        Assert.Equal(2, r.Worst[0].Index);
    }

    [Fact]
    public void First_names_and_term_pairs_are_swapped_from_caller_lists()
    {
        string female = Path.Combine(_dir, "female.txt"), male = Path.Combine(_dir, "male.txt");
        File.WriteAllLines(female, ["Anna", "Mary", "Jordan"]);
        File.WriteAllLines(male, ["Jordan", "Adam", "John"]);
        var options = new CounterfactualOptions(SwapPronouns: false, TermPairs: [new TermPair("woman", "man")], FemaleNamesPath: female, MaleNamesPath: male);
        var swapper = new IdentitySwapper(options);
        // Sorted unambiguous lists: female [Anna, Mary], male [Adam, John]; Jordan is in both and stays.
        Assert.Equal("John met Adam, a Man, and Jordan; mary stays.", swapper.Swap("Mary met Anna, a Woman, and Jordan; mary stays.").Text);
        var r = CounterfactualProbe.Run(["Mary applied."], Biased, options);
        Assert.Equal(1, r.Flips);
        Assert.Equal(["Mary -> John"], r.Worst[0].Swaps);
    }

    [Fact]
    public void Bad_predictor_output_and_missing_files_are_reported()
    {
        Assert.Throws<InvalidOperationException>(() => CounterfactualProbe.Run(["she"], _ => [[0.5, 0.6]]));
        Assert.Throws<InvalidOperationException>(() => CounterfactualProbe.Run(["she"], _ => []));
        Assert.Throws<FileNotFoundException>(() => CounterfactualProbe.Run(["she"], Biased,
            new CounterfactualOptions(FemaleNamesPath: Path.Combine(_dir, "none.txt"), MaleNamesPath: Path.Combine(_dir, "none.txt"))));
        var none = CounterfactualProbe.Run(["nothing to swap"], Biased);
        Assert.Equal(0, none.Probed);
        Assert.Null(none.FlipRate);
    }
}
