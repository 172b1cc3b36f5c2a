using Governance.Learning.Tokenization;

namespace Governance.Learning.Tests.Tokenization;

public sealed class RoundTripTests : IDisposable
{
    private static readonly string[] Corpus =
    [
        "Free money!!! Click here to claim your prize, winner.",
        "The meeting is moved to Thursday; please bring the quarterly report.",
        "Re: patch for the kernel build -- it compiles fine on my machine.",
        "Café owners: naïve résumé of the coöperative's accounts.",
        "Unsubscribe from this list at http://example.com/unsubscribe?id=42",
        "你好，世界。 Numbers 12345 and 3.14159 and 1,000,000 dollars",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("tok-rt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Tokenizer Train() => Tokenizer.TrainWordPiece(
        Enumerable.Repeat(Corpus, 3).SelectMany(x => x),
        new WordPieceTrainingOptions { VocabSize = 300, MinFrequency = 2 });

    [Fact]
    public void Trained_tokenizer_decodes_its_own_encoding_back_to_the_normalized_text()
    {
        var t = Train();
        Assert.Equal("free money!!! click here to claim your prize, winner.", t.Decode(t.Encode(Corpus[0])));
        Assert.Equal("the meeting is moved to thursday ; please bring the quarterly report.", t.Decode(t.Encode(Corpus[1])));
        Assert.DoesNotContain(t.UnknownId!.Value, t.Encode(string.Join(" ", Corpus)));
    }

    [Fact]
    public void Saving_and_loading_vocab_txt_gives_identical_encodings()
    {
        var t = Train();
        string path = Path.Combine(_dir, "vocab.txt");
        t.SaveVocabFile(path);
        var loaded = Tokenizer.FromVocabFile(path);
        Assert.Equal(t.VocabSize, loaded.VocabSize);
        foreach (string text in Corpus.Append("unseen words: zebra quokka"))
            Assert.Equal(t.Encode(text), loaded.Encode(text));
    }

    [Fact]
    public void Saving_and_loading_tokenizer_json_gives_identical_encodings()
    {
        var t = Train();
        string path = Path.Combine(_dir, "tokenizer.json");
        t.SaveTokenizerJson(path);
        var loaded = Tokenizer.FromTokenizerJson(path);
        Assert.Equal(t.PrefixIds, loaded.PrefixIds);
        Assert.Equal(t.SuffixIds, loaded.SuffixIds);
        Assert.Equal(t.PadId, loaded.PadId);
        foreach (string text in Corpus.Append("[MASK] unseen words"))
            Assert.Equal(t.Encode(text), loaded.Encode(text));
        Assert.Equal(t.ToTokenizerJson(), loaded.ToTokenizerJson());
    }

    [Fact]
    public void Byte_level_bpe_survives_a_tokenizer_json_round_trip()
    {
        var original = Tokenizer.FromTokenizerJson(FixturePaths.Get("gpt2-tiny", "tokenizer.json"));
        string path = Path.Combine(_dir, "bpe.json");
        original.SaveTokenizerJson(path);
        var loaded = Tokenizer.FromTokenizerJson(path);
        foreach (string text in new[] { "Hello world", "the café and 100 things<|endoftext|>", " \t\n x" })
        {
            Assert.Equal(original.Encode(text), loaded.Encode(text));
            Assert.Equal(text, loaded.Decode(loaded.Encode(text), skipSpecialTokens: false));
        }
    }

    [Fact]
    public void Bpe_cannot_be_saved_as_vocab_txt()
    {
        var bpe = Tokenizer.FromTokenizerJson(FixturePaths.Get("gpt2-tiny", "tokenizer.json"));
        Assert.Throws<InvalidOperationException>(() => bpe.SaveVocabFile(Path.Combine(_dir, "v.txt")));
    }
}
