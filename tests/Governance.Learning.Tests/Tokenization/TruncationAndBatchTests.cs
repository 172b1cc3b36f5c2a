using System.Text;
using Governance.Learning.Tokenization;

namespace Governance.Learning.Tests.Tokenization;

public sealed class TruncationAndBatchTests
{
    // A long, messy text: words, punctuation, runs of spaces and newlines, accents, CJK, emoji.
    private static string LongText(int seed)
    {
        var random = new Random(seed);
        string[] pieces = ["Hello", "world", "café", "  ", "\n\n", "the", "quick", "!!", "$100", "你好", "😀", "x__y", "\t", "it's", "UnAffable", "zebra,"];
        var sb = new StringBuilder();
        while (sb.Length < 6000)
            sb.Append(pieces[random.Next(pieces.Length)]).Append(random.Next(3) == 0 ? "" : " ");
        return sb.ToString();
    }

    public static TheoryData<string> Tokenizers => new() { "bert-vocab", "gpt2" };

    private static Tokenizer Load(string name) => name == "gpt2"
        ? Tokenizer.FromTokenizerJson(FixturePaths.Get("gpt2-tiny", "tokenizer.json"))
        : Tokenizer.FromVocabFile(FixturePaths.Get("bert-tiny", "vocab.txt"));

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Truncated_encoding_is_a_prefix_of_the_full_encoding(string name)
    {
        // Truncation normalizes long texts chunk by chunk; the result must equal cutting the full encoding.
        var tokenizer = Load(name);
        for (int seed = 0; seed < 5; seed++)
        {
            string text = LongText(seed);
            int[] full = tokenizer.Encode(text, addSpecialTokens: false);
            foreach (int max in new[] { 8, 64, 300, 1000 })
            {
                int[] cut = tokenizer.Encode(text, maxLength: max, addSpecialTokens: false);
                Assert.Equal(full.Take(max), cut);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Parallel_batch_encoding_equals_one_by_one_encoding(string name)
    {
        var tokenizer = Load(name);
        // Cut at arbitrary points, so some texts end in half an emoji (a lone surrogate).
        var texts = Enumerable.Range(0, 200).Select(i => LongText(i)[..(400 + i * 7)]).ToList();
        var batch = tokenizer.EncodeBatch(texts, maxLength: 48);
        for (int i = 0; i < texts.Count; i++)
        {
            int[] one = tokenizer.Encode(texts[i], maxLength: 48);
            Assert.Equal(one, batch.InputIds.AsSpan(i * batch.SequenceLength, one.Length).ToArray());
            Assert.Equal(one.Length, batch.Lengths[i]);
        }
    }

    [Fact]
    public void Bpe_without_a_pad_token_cannot_pad()
    {
        var tokenizer = Load("gpt2");
        var e = Assert.Throws<InvalidOperationException>(() => tokenizer.EncodeBatch(["Hello", "Hello world"], maxLength: 8));
        Assert.Contains("no padding token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var tokenizer = Load("bert-vocab");
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.EncodeBatch(["a"], maxLength: 0));
        Assert.Throws<ArgumentException>(() => tokenizer.EncodeBatch(["a", null!], maxLength: 8));
    }
}
