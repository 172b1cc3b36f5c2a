using Governance.Learning.Tokenization;

namespace Governance.Learning.Tests.Tokenization;

public sealed class MalformedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tok-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static void AssertNames(TokenizerFormatException e, string path, string problem)
    {
        Assert.Equal(path, e.Source);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_token_in_vocab_txt_names_both_lines()
    {
        string path = Write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\nhello\n");
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromVocabFile(path));
        AssertNames(e, path, "duplicate token 'hello' at line 5 and line 6");
    }

    [Fact]
    public void Vocab_txt_without_unknown_token_is_rejected()
    {
        string path = Write("vocab.txt", "[PAD]\n[CLS]\n[SEP]\nhello\n");
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromVocabFile(path));
        AssertNames(e, path, "unknown token '[UNK]' is not in the vocabulary");
    }

    [Fact]
    public void Empty_vocab_txt_is_rejected()
    {
        string path = Write("vocab.txt", "");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromVocabFile(path)), path, "empty");
    }

    [Fact]
    public void Bad_json_names_the_line()
    {
        string path = Write("tokenizer.json", "{\n \"model\": {\"type\": \"WordPiece\",,}\n}");
        var e = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path));
        AssertNames(e, path, "not valid JSON (line 2");
    }

    [Fact]
    public void Missing_model_is_rejected()
    {
        string path = Write("tokenizer.json", "{\"version\": \"1.0\"}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "missing \"model\"");
    }

    [Fact]
    public void Missing_vocab_is_rejected()
    {
        string path = Write("tokenizer.json", "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\"}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "missing \"model.vocab\"");
    }

    [Fact]
    public void Unknown_model_type_is_rejected()
    {
        string path = Write("tokenizer.json", "{\"model\": {\"type\": \"Unigram\", \"vocab\": {\"a\": 0}}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "unknown model type 'Unigram'");
    }

    [Fact]
    public void Duplicate_key_in_json_vocab_is_rejected()
    {
        string path = Write("tokenizer.json", "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": {\"[UNK]\": 0, \"a\": 1, \"a\": 2}}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "duplicate token 'a'");
    }

    [Fact]
    public void Gap_in_ids_is_rejected()
    {
        string path = Write("tokenizer.json", "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": {\"[UNK]\": 0, \"a\": 5}}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "token 'a' has id 5");
    }

    [Fact]
    public void Merge_naming_unknown_token_is_rejected()
    {
        string path = Write("tokenizer.json",
            "{\"pre_tokenizer\": {\"type\": \"ByteLevel\"}, \"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, \"merges\": [\"a b\", \"ab c\"]}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path,
            "merge #1 'ab c' names token 'c', which is not in the vocabulary");
    }

    [Fact]
    public void Bpe_without_merges_is_rejected()
    {
        string path = Write("tokenizer.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "no \"merges\"");
    }

    [Fact]
    public void Unsupported_pre_tokenizer_is_named()
    {
        string path = Write("tokenizer.json", "{\"pre_tokenizer\": {\"type\": \"Metaspace\"}, \"model\": {\"type\": \"WordPiece\", \"vocab\": {\"[UNK]\": 0}}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "pre_tokenizer type 'Metaspace'");
    }

    [Fact]
    public void Template_naming_unknown_special_token_is_rejected()
    {
        string path = Write("tokenizer.json",
            "{\"post_processor\": {\"type\": \"BertProcessing\", \"cls\": [\"[CLS]\", 1], \"sep\": [\"[SEP]\", 2]}, \"model\": {\"type\": \"WordPiece\", \"vocab\": {\"[UNK]\": 0}}}");
        AssertNames(Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromTokenizerJson(path)), path, "names token '[CLS]'");
    }

    [Fact]
    public void Merges_in_array_form_are_read()
    {
        var t = Tokenizer.ParseTokenizerJson(
            "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, \"merges\": [[\"a\", \"b\"]]}}");
        Assert.Equal([2, 0], t.Encode("aba"));
    }
}
