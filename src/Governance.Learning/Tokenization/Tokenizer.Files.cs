using System.Text;

namespace Governance.Learning.Tokenization;

// Creating, loading and saving tokenizers.
public sealed partial class Tokenizer
{
    /// <summary>
    /// A BERT-style WordPiece tokenizer over <paramref name="tokens"/> (id = position): BERT
    /// normalization and splitting, [CLS] text [SEP], [PAD] padding.
    /// </summary>
    /// <exception cref="TokenizerFormatException">Duplicate or empty tokens, or a missing special token.</exception>
    public static Tokenizer CreateWordPiece(IReadOnlyList<string> tokens, WordPieceOptions? options = null, string source = "vocabulary")
    {
        options ??= new WordPieceOptions();
        options.Validate();
        var vocabulary = Vocabulary.FromOrderedTokens(tokens, source);
        int Require(string token, string role) => vocabulary.TryGetId(token, out int id)
            ? id
            : throw new TokenizerFormatException(source, $"the {role} token '{token}' is not in the vocabulary");
        int unk = Require(options.UnknownToken, "unknown");
        int cls = Require(options.ClsToken, "classification");
        int sep = Require(options.SepToken, "separator");
        int pad = Require(options.PadToken, "padding");
        var specials = new List<int> { pad, unk, cls, sep };
        if (vocabulary.TryGetId(options.MaskToken, out int mask))
            specials.Add(mask);
        var model = new WordPieceModel(vocabulary, unk, options.ContinuationPrefix, options.MaxInputCharsPerWord);
        var normalizer = TextNormalizer.Bert(options.Lowercase, options.StripAccents) with { HandleChineseChars = options.HandleChineseChars };
        return new Tokenizer(model, normalizer, BertPreTokenizer.Instance, [cls], [sep], specials, pad);
    }

    /// <summary>
    /// A byte-level BPE tokenizer (GPT-2 / RoBERTa style) from a vocabulary and merges in rank order.
    /// Special tokens named in <paramref name="specialTokens"/> are matched in the raw text;
    /// <paramref name="prefixToken"/>/<paramref name="suffixToken"/> are added around each text.
    /// </summary>
    public static Tokenizer CreateByteLevelBpe(IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges,
        bool addPrefixSpace = false, IReadOnlyList<string>? specialTokens = null, string? padToken = null,
        string? prefixToken = null, string? suffixToken = null, string source = "vocabulary")
    {
        ArgumentNullException.ThrowIfNull(merges);
        var vocabulary = Vocabulary.FromOrderedTokens(tokens, source);
        int Require(string token) => vocabulary.TryGetId(token, out int id)
            ? id
            : throw new TokenizerFormatException(source, $"special token '{token}' is not in the vocabulary");
        var specials = (specialTokens ?? []).Select(Require).ToList();
        int? pad = padToken is null ? null : Require(padToken);
        var model = new BytePairModel(vocabulary, merges, byteLevel: true, unknownId: null, source);
        return new Tokenizer(model, TextNormalizer.None, new ByteLevelPreTokenizer(addPrefixSpace),
            prefixToken is null ? [] : [Require(prefixToken)], suffixToken is null ? [] : [Require(suffixToken)], specials, pad);
    }

    /// <summary>Reads a BERT vocab.txt (one token per line, id = line number - 1).</summary>
    /// <exception cref="TokenizerFormatException">Duplicate or empty tokens, or missing special tokens.</exception>
    public static Tokenizer FromVocabFile(string path, WordPieceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0)
            throw new TokenizerFormatException(path, "the vocabulary file is empty");
        return CreateWordPiece(lines, options, path);
    }

    /// <summary>Reads a Hugging Face tokenizer.json.</summary>
    /// <exception cref="TokenizerFormatException">Bad JSON, missing model or vocabulary, unsupported parts, bad merges.</exception>
    public static Tokenizer FromTokenizerJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return TokenizerJsonReader.Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses tokenizer.json text; <paramref name="source"/> names it in errors.</summary>
    public static Tokenizer ParseTokenizerJson(string json, string source = "tokenizer.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        return TokenizerJsonReader.Parse(json, source);
    }

    /// <summary>This tokenizer as tokenizer.json text.</summary>
    public string ToTokenizerJson() => TokenizerJsonWriter.Write(this, _model, _preTokenizer);

    /// <summary>Writes tokenizer.json (to a temporary file first, then renamed into place).</summary>
    public void SaveTokenizerJson(string path) => WriteAtomically(path, ToTokenizerJson());

    /// <summary>Writes vocab.txt (WordPiece only; the other settings live in tokenizer.json).</summary>
    public void SaveVocabFile(string path)
    {
        if (_model is not WordPieceModel)
            throw new InvalidOperationException("vocab.txt holds only WordPiece vocabularies; save a BPE tokenizer as tokenizer.json");
        var sb = new StringBuilder();
        foreach (string token in _model.Vocabulary.Tokens)
            sb.Append(token).Append('\n');
        WriteAtomically(path, sb.ToString());
    }

    /// <summary>Learns a WordPiece vocabulary from texts (see <see cref="WordPieceTrainer"/>).</summary>
    public static Tokenizer TrainWordPiece(IEnumerable<string> texts, WordPieceTrainingOptions? options = null)
    {
        options ??= new WordPieceTrainingOptions();
        var tokens = new WordPieceTrainer(options).Train(texts);
        return CreateWordPiece(tokens, options.Tokenizer, "trained vocabulary");
    }

    private static void WriteAtomically(string path, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
    }
}
