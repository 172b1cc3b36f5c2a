using System.Text.Json;
using Governance.Learning.Tokenization;

namespace Governance.Learning.Tests.Tokenization;

public sealed class HuggingFaceFixtureTests
{
    public sealed record Case(string Text, string[] Tokens, int[] Ids);

    private static List<Case> Cases(string folder) =>
        JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(FixturePaths.Get(folder, "expected.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [Fact]
    public void Bert_vocab_txt_encodes_to_the_expected_ids()
    {
        var tokenizer = Tokenizer.FromVocabFile(FixturePaths.Get("bert-tiny", "vocab.txt"));
        foreach (var c in Cases("bert-tiny"))
        {
            Assert.Equal(c.Ids, tokenizer.Encode(c.Text));
            Assert.Equal(c.Tokens, tokenizer.Encode(c.Text).Select(tokenizer.IdToToken));
        }
    }

    [Fact]
    public void Bert_tokenizer_json_encodes_to_the_expected_ids()
    {
        var tokenizer = Tokenizer.FromTokenizerJson(FixturePaths.Get("bert-tiny", "tokenizer.json"));
        Assert.Equal("WordPiece", tokenizer.ModelType);
        foreach (var c in Cases("bert-tiny"))
            Assert.Equal(c.Ids, tokenizer.Encode(c.Text));
    }

    [Fact]
    public void Gpt2_byte_level_bpe_encodes_to_the_expected_ids()
    {
        var tokenizer = Tokenizer.FromTokenizerJson(FixturePaths.Get("gpt2-tiny", "tokenizer.json"));
        Assert.Equal("BPE", tokenizer.ModelType);
        foreach (var c in Cases("gpt2-tiny"))
        {
            int[] ids = tokenizer.Encode(c.Text);
            Assert.Equal(c.Tokens, ids.Select(tokenizer.IdToToken));
            Assert.Equal(c.Ids, ids);
        }
    }

    [Fact]
    public void Gpt2_decoding_gives_back_the_exact_text()
    {
        var tokenizer = Tokenizer.FromTokenizerJson(FixturePaths.Get("gpt2-tiny", "tokenizer.json"));
        foreach (var c in Cases("gpt2-tiny"))
            Assert.Equal(c.Text, tokenizer.Decode(c.Ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Bert_decoding_joins_pieces_and_drops_special_tokens()
    {
        var tokenizer = Tokenizer.FromVocabFile(FixturePaths.Get("bert-tiny", "vocab.txt"));
        Assert.Equal("the quick brown fox jumped over the lazy dog.",
            tokenizer.Decode(tokenizer.Encode("The quick brown fox jumped over the lazy dog.")));
        Assert.Equal("unaffable!", tokenizer.Decode(tokenizer.Encode("UnAffable!")));
    }

    [Fact]
    public void Vocab_txt_and_tokenizer_json_of_the_same_model_agree_on_arbitrary_text()
    {
        var fromTxt = Tokenizer.FromVocabFile(FixturePaths.Get("bert-tiny", "vocab.txt"));
        var fromJson = Tokenizer.FromTokenizerJson(FixturePaths.Get("bert-tiny", "tokenizer.json"));
        const string text = "Über-quick ÉLAN, jumping  dogs!!! 你好吗 [SEP] money$$ 1000";
        Assert.Equal(fromTxt.Encode(text), fromJson.Encode(text));
    }
}
