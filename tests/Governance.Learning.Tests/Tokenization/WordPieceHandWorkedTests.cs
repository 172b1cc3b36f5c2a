using Governance.Learning.Tokenization;

namespace Governance.Learning.Tests.Tokenization;

// Small vocabularies whose encodings are worked out by hand from BERT's rules.
public sealed class WordPieceHandWorkedTests
{
    // ids:                       0       1       2       3       4        5     6        7         8        9       10   11   12     13     14   15   16
    private static readonly string[] Vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "hello", "world", "!", ",", "cafe", "你", "好", "a", "##a"];

    private static Tokenizer Create(WordPieceOptions? options = null) => Tokenizer.CreateWordPiece(Vocab, options);

    [Fact]
    public void Longest_match_first_with_continuation_prefix()
    {
        // "UnAffable" -> lowercase "unaffable" -> "un" + "##aff" + "##able".
        Assert.Equal([2, 5, 6, 7, 3], Create().Encode("UnAffable"));
    }

    [Fact]
    public void Punctuation_is_split_off_and_whitespace_dropped()
    {
        Assert.Equal([8, 11, 9, 10], Create().Encode("  Hello,\tWORLD! ", addSpecialTokens: false));
    }

    [Fact]
    public void Accents_are_stripped_when_lowercasing_and_kept_when_asked()
    {
        Assert.Equal([12], Create().Encode("Café", addSpecialTokens: false));
        var cased = Create(new WordPieceOptions { Lowercase = true, StripAccents = false });
        Assert.Equal([1], cased.Encode("Café", addSpecialTokens: false)); // "café" is not in the vocabulary
    }

    [Fact]
    public void A_word_with_an_unmatchable_part_becomes_one_unknown_token()
    {
        // "unx": "un" matches, "##x" does not, so the whole word is [UNK] (not "un" + [UNK]).
        Assert.Equal([1, 8], Create().Encode("unx hello", addSpecialTokens: false));
    }

    [Fact]
    public void Words_longer_than_the_limit_are_unknown()
    {
        var tokenizer = Create(new WordPieceOptions { MaxInputCharsPerWord = 5 });
        Assert.Equal([8, 1], tokenizer.Encode("hello unaffable", addSpecialTokens: false));
        Assert.Equal([15, 16, 16, 16, 16], tokenizer.Encode("aaaaa", addSpecialTokens: false));
        Assert.Equal([1], tokenizer.Encode("aaaaaa", addSpecialTokens: false));
    }

    [Fact]
    public void Cjk_ideographs_become_separate_words()
    {
        Assert.Equal([13, 14, 9], Create().Encode("你好world", addSpecialTokens: false));
    }

    [Fact]
    public void Special_tokens_in_the_text_are_kept_whole()
    {
        Assert.Equal([2, 8, 4, 9, 3], Create().Encode("hello [MASK] world"));
        // Lowercased "[mask]" is not the special token: it splits into "[", "mask", "]".
        Assert.Equal([8, 1, 1, 1], Create().Encode("hello [mask]", addSpecialTokens: false));
    }

    [Fact]
    public void Control_and_zero_width_characters_are_removed()
    {
        Assert.Equal([8], Create().Encode("hel\u0000lo", addSpecialTokens: false));
        Assert.Equal([8], Create().Encode("hel\u200Blo", addSpecialTokens: false));
    }

    [Fact]
    public void Truncation_keeps_the_special_tokens()
    {
        Assert.Equal([2, 5, 6, 3], Create().Encode("unaffable hello", maxLength: 4));
        Assert.Equal([2, 3], Create().Encode("hello", maxLength: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create().Encode("hello", maxLength: 1));
    }

    [Fact]
    public void Head_and_tail_truncation_keeps_the_end_of_long_texts()
    {
        // Content "un ##aff ##able hello world !" (6 tokens) into 3 slots: 2 from the start, 1 from the end.
        Assert.Equal([2, 5, 6, 10, 3], Create().Encode("unaffable hello world!", maxLength: 5, tailTokens: 1));
        // Short texts are not affected.
        Assert.Equal([2, 8, 3], Create().Encode("hello", maxLength: 5, tailTokens: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create().Encode("hello", maxLength: 5, tailTokens: 4));
    }

    [Fact]
    public void Batch_is_flat_padded_and_masked()
    {
        var batch = Create().EncodeBatch(["hello world", "unaffable hello world !", ""], maxLength: 5);
        Assert.Equal(3, batch.BatchSize);
        Assert.Equal(5, batch.SequenceLength);
        Assert.Equal([2, 8, 9, 3, 0, /**/ 2, 5, 6, 7, 3, /**/ 2, 3, 0, 0, 0], batch.InputIds);
        Assert.Equal([1, 1, 1, 1, 0, /**/ 1, 1, 1, 1, 1, /**/ 1, 1, 0, 0, 0], batch.AttentionMask);
        Assert.Equal([4, 5, 2], batch.Lengths);
    }

    [Fact]
    public void Longest_padding_pads_to_the_longest_row()
    {
        var batch = Create().EncodeBatch(["hello", "hello world"], maxLength: 128, PaddingMode.Longest);
        Assert.Equal(4, batch.SequenceLength);
        Assert.Equal([2, 8, 3, 0, 2, 8, 9, 3], batch.InputIds);
    }

    [Fact]
    public void Decode_joins_continuations_and_tidies_punctuation()
    {
        var tokenizer = Create();
        Assert.Equal("unaffable, hello world!", tokenizer.Decode([2, 5, 6, 7, 11, 8, 9, 10, 3, 0]));
        Assert.Equal("[CLS] hello [SEP] [PAD]", tokenizer.Decode([2, 8, 3, 0], skipSpecialTokens: false));
    }

    [Fact]
    public void Missing_special_token_is_reported()
    {
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.CreateWordPiece(["[PAD]", "[UNK]", "[CLS]", "hello"]));
        Assert.Contains("[SEP]", e.Message, StringComparison.Ordinal);
    }
}
