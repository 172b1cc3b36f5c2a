using Governance.Learning.Tokenization;

namespace Governance.Learning.Tests.Tokenization;

public sealed class WordPieceTrainerTests
{
    [Fact]
    public void Special_tokens_come_first_and_the_size_is_respected()
    {
        var tokens = new WordPieceTrainer(new WordPieceTrainingOptions { VocabSize = 40, MinFrequency = 1 })
            .Train(["low lower lowest newer wider", "low low low new new"]);
        Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], tokens.Take(5));
        Assert.True(tokens.Count <= 40);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public void The_most_frequent_pairs_are_merged_first_into_whole_words()
    {
        // "low" occurs 10 times, "new" 5 times: the learned vocabulary must hold both as single tokens.
        var corpus = Enumerable.Repeat("low low new", 5);
        var t = Tokenizer.TrainWordPiece(corpus, new WordPieceTrainingOptions { VocabSize = 40, MinFrequency = 2 });
        Assert.Equal(["low", "new"], t.Tokenize("low new"));
        Assert.Equal(["low", "##e", "##w"], t.Tokenize("lowew"));
        // "##l" never occurs in the corpus (l only starts words), so "lowlow" has no piece for its second l.
        Assert.Equal(["[UNK]"], t.Tokenize("lowlow"));
    }

    [Fact]
    public void Training_stops_when_no_pair_is_frequent_enough()
    {
        var tokens = new WordPieceTrainer(new WordPieceTrainingOptions { VocabSize = 1000, MinFrequency = 3 }).Train(["ab ab cd"]);
        // 5 specials + a, ##b, c, ##d; "ab" is seen twice (< 3) so nothing is merged.
        Assert.Equal(9, tokens.Count);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        string[] corpus = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"];
        var options = new WordPieceTrainingOptions { VocabSize = 60, MinFrequency = 1 };
        Assert.Equal(new WordPieceTrainer(options).Train(corpus), new WordPieceTrainer(options).Train(corpus));
    }

    [Fact]
    public void Characters_outside_the_alphabet_limit_encode_as_unknown()
    {
        var t = Tokenizer.TrainWordPiece(["aaaa bbbb aaaa q"], new WordPieceTrainingOptions { VocabSize = 50, MinFrequency = 1, MaxAlphabetSize = 2 });
        Assert.Equal(["[UNK]"], t.Tokenize("q"));
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new WordPieceTrainer(new WordPieceTrainingOptions { VocabSize = 3 }));
        Assert.Throws<ArgumentException>(() => new WordPieceTrainer(new WordPieceTrainingOptions { MinFrequency = 0 }));
        Assert.Throws<ArgumentException>(() => new WordPieceTrainer(new WordPieceTrainingOptions()).Train([" ", ""]));
    }
}
