using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Governance.Learning.Tokenization;

/// <summary>Writes a tokenizer as Hugging Face tokenizer.json (format version 1.0).</summary>
internal static class TokenizerJsonWriter
{
    public static string Write(Tokenizer tokenizer, ITokenModel model, IPreTokenizer pre)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            var vocab = model.Vocabulary;
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteNull("truncation");
            if (tokenizer.PadId is { } pad)
            {
                w.WriteStartObject("padding");
                w.WriteString("strategy", "BatchLongest");
                w.WriteString("direction", "Right");
                w.WriteNull("pad_to_multiple_of");
                w.WriteNumber("pad_id", pad);
                w.WriteNumber("pad_type_id", 0);
                w.WriteString("pad_token", vocab[pad]);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("padding");
            }
            w.WriteStartArray("added_tokens");
            foreach (int id in tokenizer.SpecialIds.Order())
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("content", vocab[id]);
                w.WriteBoolean("single_word", false);
                w.WriteBoolean("lstrip", false);
                w.WriteBoolean("rstrip", false);
                w.WriteBoolean("normalized", false);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteNormalizer(w, tokenizer.Normalizer);
            WritePreTokenizer(w, pre);
            WritePostProcessor(w, tokenizer, vocab);
            WriteModelAndDecoder(w, model);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNormalizer(Utf8JsonWriter w, TextNormalizer n)
    {
        var steps = new List<Action>();
        if (n.UnicodeForm is { } form)
            steps.Add(() => Typed(w, form switch
            {
                NormalizationForm.FormC => "NFC",
                NormalizationForm.FormD => "NFD",
                NormalizationForm.FormKC => "NFKC",
                _ => "NFKD",
            }));
        if (n.CleanText || n.HandleChineseChars)
        {
            steps.Add(() =>
            {
                w.WriteStartObject();
                w.WriteString("type", "BertNormalizer");
                w.WriteBoolean("clean_text", n.CleanText);
                w.WriteBoolean("handle_chinese_chars", n.HandleChineseChars);
                w.WriteBoolean("strip_accents", n.StripAccents);
                w.WriteBoolean("lowercase", n.Lowercase);
                w.WriteEndObject();
            });
        }
        else
        {
            if (n.StripAccents)
            {
                steps.Add(() => Typed(w, "NFD"));
                steps.Add(() => Typed(w, "StripAccents"));
            }
            if (n.Lowercase)
                steps.Add(() => Typed(w, "Lowercase"));
        }
        w.WritePropertyName("normalizer");
        if (steps.Count == 0)
        {
            w.WriteNullValue();
        }
        else if (steps.Count == 1)
        {
            steps[0]();
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("type", "Sequence");
            w.WriteStartArray("normalizers");
            steps.ForEach(s => s());
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private static void WritePreTokenizer(Utf8JsonWriter w, IPreTokenizer pre)
    {
        w.WritePropertyName("pre_tokenizer");
        switch (pre)
        {
            case BertPreTokenizer:
                Typed(w, "BertPreTokenizer");
                break;
            case ByteLevelPreTokenizer b:
                w.WriteStartObject();
                w.WriteString("type", "ByteLevel");
                w.WriteBoolean("add_prefix_space", b.AddPrefixSpace);
                w.WriteBoolean("trim_offsets", true);
                w.WriteBoolean("use_regex", b.UseRegex);
                w.WriteEndObject();
                break;
            default:
                Typed(w, "WhitespaceSplit");
                break;
        }
    }

    private static void WritePostProcessor(Utf8JsonWriter w, Tokenizer tokenizer, Vocabulary vocab)
    {
        w.WritePropertyName("post_processor");
        if (tokenizer.PrefixIds.Count == 0 && tokenizer.SuffixIds.Count == 0)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("type", "TemplateProcessing");
        w.WriteStartArray("single");
        foreach (int id in tokenizer.PrefixIds)
            Special(id);
        w.WriteStartObject();
        w.WriteStartObject("Sequence");
        w.WriteString("id", "A");
        w.WriteNumber("type_id", 0);
        w.WriteEndObject();
        w.WriteEndObject();
        foreach (int id in tokenizer.SuffixIds)
            Special(id);
        w.WriteEndArray();
        w.WriteStartObject("special_tokens");
        foreach (int id in tokenizer.PrefixIds.Concat(tokenizer.SuffixIds).Distinct())
        {
            w.WriteStartObject(vocab[id]);
            w.WriteString("id", vocab[id]);
            w.WriteStartArray("ids");
            w.WriteNumberValue(id);
            w.WriteEndArray();
            w.WriteStartArray("tokens");
            w.WriteStringValue(vocab[id]);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();

        void Special(int id)
        {
            w.WriteStartObject();
            w.WriteStartObject("SpecialToken");
            w.WriteString("id", vocab[id]);
            w.WriteNumber("type_id", 0);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    private static void WriteModelAndDecoder(Utf8JsonWriter w, ITokenModel model)
    {
        w.WritePropertyName("decoder");
        if (model is WordPieceModel wp)
        {
            w.WriteStartObject();
            w.WriteString("type", "WordPiece");
            w.WriteString("prefix", wp.ContinuationPrefix);
            w.WriteBoolean("cleanup", true);
            w.WriteEndObject();
        }
        else if (model is BytePairModel { ByteLevel: true })
        {
            Typed(w, "ByteLevel");
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteStartObject("model");
        if (model is WordPieceModel m)
        {
            w.WriteString("type", "WordPiece");
            w.WriteString("unk_token", m.Vocabulary[m.UnknownId]);
            w.WriteString("continuing_subword_prefix", m.ContinuationPrefix);
            w.WriteNumber("max_input_chars_per_word", m.MaxInputCharsPerWord);
        }
        var bpe = model as BytePairModel;
        if (bpe is not null)
        {
            w.WriteString("type", "BPE");
            w.WriteNull("dropout");
            if (bpe.UnknownId is { } unk)
                w.WriteString("unk_token", bpe.Vocabulary[unk]);
            else
                w.WriteNull("unk_token");
            w.WriteNull("continuing_subword_prefix");
            w.WriteNull("end_of_word_suffix");
            w.WriteBoolean("fuse_unk", false);
            w.WriteBoolean("byte_fallback", false);
        }
        w.WriteStartObject("vocab");
        for (int id = 0; id < model.Vocabulary.Count; id++)
            w.WriteNumber(model.Vocabulary[id], id);
        w.WriteEndObject();
        if (bpe is not null)
        {
            w.WriteStartArray("merges");
            foreach (var (left, right) in bpe.Merges)
            {
                w.WriteStartArray();
                w.WriteStringValue(left);
                w.WriteStringValue(right);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Typed(Utf8JsonWriter w, string type)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteEndObject();
    }
}
