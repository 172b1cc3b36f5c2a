using System.Text;
using System.Text.Json;

namespace Governance.Learning.Tokenization;

/// <summary>
/// Reads Hugging Face tokenizer.json: models WordPiece and BPE (byte-level or not); normalizers
/// BertNormalizer, Lowercase, NFx, StripAccents and Sequence of those; pre-tokenizers
/// BertPreTokenizer, ByteLevel, WhitespaceSplit; post-processors TemplateProcessing, BertProcessing,
/// RobertaProcessing, ByteLevel; added tokens; padding's pad token. Anything else is rejected with
/// a message naming the file and the part.
/// </summary>
internal static class TokenizerJsonReader
{
    public static Tokenizer Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TokenizerFormatException(source, $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new TokenizerFormatException(source, "the top level must be a JSON object");
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
                throw new TokenizerFormatException(source, "missing \"model\" object");
            var vocabulary = ReadVocabulary(model, root, source, out var addedIds);
            var normalizer = ReadNormalizer(Prop(root, "normalizer"), source);
            var pre = ReadPreTokenizer(Prop(root, "pre_tokenizer"), source);
            string type = ModelType(model, source);
            bool byteLevel = pre is ByteLevelPreTokenizer || IsType(Prop(root, "decoder"), "ByteLevel");
            ITokenModel tokenModel = type switch
            {
                "WordPiece" => new WordPieceModel(vocabulary,
                    RequireId(vocabulary, Str(model, "unk_token") ?? "[UNK]", "model.unk_token", source),
                    Str(model, "continuing_subword_prefix") ?? "##",
                    Prop(model, "max_input_chars_per_word") is { ValueKind: JsonValueKind.Number } m ? m.GetInt32() : 100),
                _ => ReadBpe(model, vocabulary, byteLevel, source),
            };
            var (prefix, suffix) = ReadPostProcessor(Prop(root, "post_processor"), vocabulary, source);
            int? pad = Prop(root, "padding") is { ValueKind: JsonValueKind.Object } padding && Str(padding, "pad_token") is { } padToken
                ? RequireId(vocabulary, padToken, "padding.pad_token", source)
                : vocabulary.TryGetId("[PAD]", out int p1) ? p1 : vocabulary.TryGetId("<pad>", out int p2) ? p2 : null;
            return new Tokenizer(tokenModel, normalizer, pre, prefix, suffix, addedIds, pad);
        }
    }

    private static string ModelType(JsonElement model, string source)
    {
        string? type = Str(model, "type");
        // Older files leave the model's type out; tell the two apart by their fields.
        type ??= model.TryGetProperty("merges", out _) ? "BPE" : "WordPiece";
        return type is "WordPiece" or "BPE"
            ? type
            : throw new TokenizerFormatException(source, $"unknown model type '{type}' (supported: WordPiece, BPE)");
    }

    private static Vocabulary ReadVocabulary(JsonElement model, JsonElement root, string source, out List<int> addedIds)
    {
        if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            throw new TokenizerFormatException(source, "missing \"model.vocab\" object");
        var pairs = new List<KeyValuePair<string, int>>();
        foreach (var entry in vocab.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out int id))
                throw new TokenizerFormatException(source, $"model.vocab['{entry.Name}'] is not an integer id");
            pairs.Add(new(entry.Name, id));
        }
        if (pairs.Count == 0)
            throw new TokenizerFormatException(source, "model.vocab is empty");
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (t, id) in pairs)
        {
            if (!known.TryAdd(t, id))
                throw new TokenizerFormatException(source, $"duplicate token '{t}' in model.vocab (ids {known[t]} and {id})");
        }
        addedIds = [];
        if (Prop(root, "added_tokens") is { ValueKind: JsonValueKind.Array } added)
        {
            foreach (var a in added.EnumerateArray())
            {
                string content = Str(a, "content") ?? throw new TokenizerFormatException(source, "an added token has no \"content\"");
                if (!a.TryGetProperty("id", out var idElement) || !idElement.TryGetInt32(out int id))
                    throw new TokenizerFormatException(source, $"added token '{content}' has no integer \"id\"");
                if (known.TryGetValue(content, out int existing))
                {
                    if (existing != id)
                        throw new TokenizerFormatException(source, $"added token '{content}' has id {id} but the vocabulary gives it {existing}");
                }
                else
                {
                    known[content] = id;
                    pairs.Add(new(content, id));
                }
                addedIds.Add(id);
            }
        }
        return Vocabulary.FromPairs(pairs, source);
    }

    private static BytePairModel ReadBpe(JsonElement model, Vocabulary vocabulary, bool byteLevel, string source)
    {
        foreach (string unsupported in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (Str(model, unsupported) is { Length: > 0 } v)
                throw new TokenizerFormatException(source, $"BPE model.{unsupported} = '{v}' is not supported");
        }
        if (Prop(model, "dropout") is { ValueKind: JsonValueKind.Number } d && d.GetDouble() > 0)
            throw new TokenizerFormatException(source, "BPE dropout is not supported (encoding must be deterministic)");
        if (Prop(model, "byte_fallback") is { ValueKind: JsonValueKind.True })
            throw new TokenizerFormatException(source, "BPE byte_fallback is not supported");
        if (!model.TryGetProperty("merges", out var mergesElement) || mergesElement.ValueKind != JsonValueKind.Array)
            throw new TokenizerFormatException(source, "BPE model has no \"merges\" array");
        var merges = new List<(string, string)>();
        int index = 0;
        foreach (var m in mergesElement.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.String)
            {
                string s = m.GetString()!;
                int space = s.IndexOf(' ', 1);
                if (space < 0 || space == s.Length - 1 || s.IndexOf(' ', space + 1) >= 0)
                    throw new TokenizerFormatException(source, $"merge #{index} '{s}' is not two tokens separated by one space");
                merges.Add((s[..space], s[(space + 1)..]));
            }
            else if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2
                && m[0].ValueKind == JsonValueKind.String && m[1].ValueKind == JsonValueKind.String)
            {
                merges.Add((m[0].GetString()!, m[1].GetString()!));
            }
            else
            {
                throw new TokenizerFormatException(source, $"merge #{index} must be \"a b\" or [\"a\", \"b\"]");
            }
            index++;
        }
        int? unk = Str(model, "unk_token") is { } u ? RequireId(vocabulary, u, "model.unk_token", source) : null;
        return new BytePairModel(vocabulary, merges, byteLevel, unk, source);
    }

    private static TextNormalizer ReadNormalizer(JsonElement? element, string source)
    {
        var n = TextNormalizer.None;
        bool pendingNfd = false;
        Fold(element);
        return pendingNfd ? n with { UnicodeForm = NormalizationForm.FormD } : n;

        void Fold(JsonElement? e)
        {
            if (e is not { ValueKind: JsonValueKind.Object } obj)
                return;
            string type = Str(obj, "type") ?? throw new TokenizerFormatException(source, "normalizer without \"type\"");
            switch (type)
            {
                case "BertNormalizer":
                    bool lower = Prop(obj, "lowercase") is not { ValueKind: JsonValueKind.False };
                    bool? strip = Prop(obj, "strip_accents") is { ValueKind: JsonValueKind.True or JsonValueKind.False } s ? s.GetBoolean() : null;
                    n = n with
                    {
                        CleanText = Prop(obj, "clean_text") is not { ValueKind: JsonValueKind.False },
                        HandleChineseChars = Prop(obj, "handle_chinese_chars") is not { ValueKind: JsonValueKind.False },
                        Lowercase = lower,
                        StripAccents = strip ?? lower,
                    };
                    break;
                case "Lowercase": n = n with { Lowercase = true }; break;
                case "StripAccents": n = n with { StripAccents = true }; pendingNfd = false; break;
                case "NFD": pendingNfd = true; break;
                case "NFC": n = n with { UnicodeForm = NormalizationForm.FormC }; break;
                case "NFKC": n = n with { UnicodeForm = NormalizationForm.FormKC }; break;
                case "NFKD": n = n with { UnicodeForm = NormalizationForm.FormKD }; break;
                case "Sequence":
                    if (Prop(obj, "normalizers") is { ValueKind: JsonValueKind.Array } list)
                    {
                        foreach (var child in list.EnumerateArray())
                            Fold(child);
                    }
                    break;
                default:
                    throw new TokenizerFormatException(source, $"normalizer type '{type}' is not supported");
            }
        }
    }

    private static IPreTokenizer ReadPreTokenizer(JsonElement? element, string source)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
            return WhitespaceSplitPreTokenizer.Instance;
        string type = Str(obj, "type") ?? throw new TokenizerFormatException(source, "pre_tokenizer without \"type\"");
        return type switch
        {
            "BertPreTokenizer" => BertPreTokenizer.Instance,
            "WhitespaceSplit" => WhitespaceSplitPreTokenizer.Instance,
            "ByteLevel" => new ByteLevelPreTokenizer(
                Prop(obj, "add_prefix_space") is { ValueKind: JsonValueKind.True },
                Prop(obj, "use_regex") is not { ValueKind: JsonValueKind.False }),
            "Sequence" when Prop(obj, "pretokenizers") is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() == 1
                => ReadPreTokenizer(list[0], source),
            _ => throw new TokenizerFormatException(source, $"pre_tokenizer type '{type}' is not supported"),
        };
    }

    private static (List<int> Prefix, List<int> Suffix) ReadPostProcessor(JsonElement? element, Vocabulary vocabulary, string source)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
            return ([], []);
        string type = Str(obj, "type") ?? throw new TokenizerFormatException(source, "post_processor without \"type\"");
        switch (type)
        {
            case "ByteLevel":
                return ([], []);
            case "BertProcessing" or "RobertaProcessing":
                return ([PairId(obj, "cls")], [PairId(obj, "sep")]);
            case "TemplateProcessing":
                return ReadTemplate(obj, vocabulary, source);
            case "Sequence" when Prop(obj, "processors") is { ValueKind: JsonValueKind.Array } list:
                var prefix = new List<int>();
                var suffix = new List<int>();
                foreach (var child in list.EnumerateArray())
                {
                    var (p, s) = ReadPostProcessor(child, vocabulary, source);
                    prefix.AddRange(p);
                    suffix.AddRange(s);
                }
                return (prefix, suffix);
            default:
                throw new TokenizerFormatException(source, $"post_processor type '{type}' is not supported");
        }

        int PairId(JsonElement o, string name) =>
            Prop(o, name) is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2 && pair[0].ValueKind == JsonValueKind.String
                ? RequireId(vocabulary, pair[0].GetString()!, $"post_processor.{name}", source)
                : throw new TokenizerFormatException(source, $"post_processor.{name} must be [token, id]");
    }

    private static (List<int>, List<int>) ReadTemplate(JsonElement obj, Vocabulary vocabulary, string source)
    {
        if (Prop(obj, "single") is not { ValueKind: JsonValueKind.Array } single)
            throw new TokenizerFormatException(source, "TemplateProcessing has no \"single\" template");
        var prefix = new List<int>();
        var suffix = new List<int>();
        bool seenSequence = false;
        foreach (var piece in single.EnumerateArray())
        {
            if (piece.TryGetProperty("Sequence", out _))
            {
                seenSequence = true;
                continue;
            }
            if (!piece.TryGetProperty("SpecialToken", out var special) || Str(special, "id") is not { } name)
                throw new TokenizerFormatException(source, "TemplateProcessing piece is neither Sequence nor SpecialToken");
            var target = seenSequence ? suffix : prefix;
            if (Prop(obj, "special_tokens") is { ValueKind: JsonValueKind.Object } map && Prop(map, name) is { } entry
                && Prop(entry, "ids") is { ValueKind: JsonValueKind.Array } ids)
            {
                foreach (var id in ids.EnumerateArray())
                {
                    int value = id.GetInt32();
                    if ((uint)value >= (uint)vocabulary.Count)
                        throw new TokenizerFormatException(source, $"template special token '{name}' has id {value}, outside the vocabulary");
                    target.Add(value);
                }
            }
            else
            {
                target.Add(RequireId(vocabulary, name, "post_processor.single", source));
            }
        }
        if (!seenSequence)
            throw new TokenizerFormatException(source, "TemplateProcessing \"single\" has no Sequence piece");
        return (prefix, suffix);
    }

    private static int RequireId(Vocabulary vocabulary, string token, string where, string source) =>
        vocabulary.TryGetId(token, out int id)
            ? id
            : throw new TokenizerFormatException(source, $"{where} names token '{token}', which is not in the vocabulary");

    private static JsonElement? Prop(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Str(JsonElement e, string name) => Prop(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static bool IsType(JsonElement? e, string type) => e is { } v && Str(v, "type") == type;
}
