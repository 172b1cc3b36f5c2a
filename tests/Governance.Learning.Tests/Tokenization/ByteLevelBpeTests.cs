using Governance.Learning.Tokenization;

namespace Governance.Learning.Tests.Tokenization;

// A tiny byte-level BPE, worked by hand: GPT-2's 256 byte symbols plus four merges.
public sealed class ByteLevelBpeTests
{
    private static readonly (string, string)[] Merges = [("Ġ", "l"), ("l", "o"), ("Ġl", "o"), ("lo", "w")];

    private static Tokenizer Create(bool addPrefixSpace = false)
    {
        var tokens = ByteSymbols().ToList();
        tokens.AddRange(["Ġl", "lo", "Ġlo", "low", "<pad>"]);
        return Tokenizer.CreateByteLevelBpe(tokens, Merges, addPrefixSpace, specialTokens: ["<pad>"], padToken: "<pad>");
    }

    // GPT-2's order: the 188 printable bytes by value, then the other 68 bytes as U+0100.. in byte order.
    private static IEnumerable<string> ByteSymbols()
    {
        var printable = Enumerable.Range(0, 256).Where(b => b is (>= 33 and <= 126) or (>= 161 and <= 172) or (>= 174 and <= 255)).ToList();
        var mapped = Enumerable.Range(0, 256).Except(printable).Select((b, i) => (char)(256 + i)).ToList();
        return printable.Select(b => ((char)b).ToString()).Concat(mapped.Select(c => c.ToString()))
            .OrderBy(s => s[0]);
    }

    private static IReadOnlyList<string> Tokens(Tokenizer t, string text) => t.Tokenize(text);

    [Fact]
    public void Merges_apply_in_rank_order_not_left_to_right()
    {
        // "low" alone: pairs (l,o) rank 1 -> "lo"; then (lo,w) rank 3 -> "low".
        Assert.Equal(["low"], Tokens(Create(), "low"));
        // " low" is one word "Ġlow": (Ġ,l) rank 0 beats (l,o) rank 1 -> "Ġl" "o" "w"; then (Ġl,o) rank 2 -> "Ġlo" "w".
        Assert.Equal(["low", "Ġlo", "w"], Tokens(Create(), "low low"));
    }

    [Fact]
    public void Space_newline_and_multibyte_characters_map_to_gpt2_symbols()
    {
        // ' ' is byte 32 -> U+0120 'Ġ'; '\n' is byte 10 -> U+010A 'Ċ'; 'é' is UTF-8 C3 A9 -> 'Ã' '©'.
        Assert.Equal(["Ã", "©", "Ċ", "Ġ", "!"], Tokens(Create(), "é\n !"));
    }

    [Fact]
    public void Add_prefix_space_treats_the_first_word_like_the_others()
    {
        Assert.Equal(["Ġlo", "w"], Tokens(Create(addPrefixSpace: true), "low"));
    }

    [Fact]
    public void Contractions_and_whitespace_runs_split_like_the_gpt2_regex()
    {
        // "a's  b": "a" | "'s" | " " (run of two spaces less the last) | " b".
        Assert.Equal(["a", "'", "s", "Ġ", "Ġ", "b"], Tokens(Create(), "a's  b"));
    }

    [Fact]
    public void Decoding_restores_bytes_exactly()
    {
        var t = Create();
        const string text = "low  lower\tLOW 😀 é\r\n";
        Assert.Equal(text, t.Decode(t.Encode(text)));
    }

    [Fact]
    public void Batches_pad_with_the_pad_token()
    {
        var t = Create();
        t.TryGetId("<pad>", out int pad);
        var batch = t.EncodeBatch(["low", "low low"], maxLength: 4);
        Assert.Equal(pad, batch.InputIds[1]);
        Assert.Equal([1, 0, 0, 0, 1, 1, 1, 0], batch.AttentionMask);
    }

    [Fact]
    public void Merge_naming_an_unknown_token_is_rejected()
    {
        var tokens = ByteSymbols().ToList();
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.CreateByteLevelBpe(tokens, [("l", "o")]));
        Assert.Contains("merge #0 'l o'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'lo'", e.Message, StringComparison.Ordinal);
    }
}
