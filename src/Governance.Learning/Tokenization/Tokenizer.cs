using System.Collections.Concurrent;

namespace Governance.Learning.Tokenization;

/// <summary>
/// Text to token ids and back: normalize, split into words, encode each word with the model
/// (WordPiece or BPE; results cached per word), add the template's special tokens, truncate and pad.
/// Special tokens written literally in the input (e.g. "[MASK]") are matched before normalization,
/// as Hugging Face does. Thread-safe for encoding and decoding.
/// </summary>
public sealed partial class Tokenizer
{
    private const int MaxCachedWords = 200_000;

    private readonly ITokenModel _model;
    private readonly IPreTokenizer _preTokenizer;
    private readonly int[] _prefix;
    private readonly int[] _suffix;
    private readonly string[] _specialTexts;
    private readonly HashSet<int> _specialIds;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;

    internal Tokenizer(ITokenModel model, TextNormalizer normalizer, IPreTokenizer preTokenizer,
        IReadOnlyList<int> prefix, IReadOnlyList<int> suffix, IReadOnlyList<int> specialIds, int? padId)
    {
        _model = model;
        Normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _prefix = [.. prefix];
        _suffix = [.. suffix];
        _specialIds = [.. specialIds, .. prefix, .. suffix];
        if (padId is { } p)
            _specialIds.Add(p);
        // Longest first, so that "[SEP2]" would win over "[SEP]".
        _specialTexts = [.. _specialIds.Select(id => model.Vocabulary[id]).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)];
        PadId = padId;
        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of tokens (the size of the model's embedding table).</summary>
    public int VocabSize => _model.Vocabulary.Count;

    /// <summary>The tokens and their ids.</summary>
    public Vocabulary Vocabulary => _model.Vocabulary;

    /// <summary>"WordPiece" or "BPE".</summary>
    public string ModelType => _model is WordPieceModel ? "WordPiece" : "BPE";

    /// <summary>The normalization applied before splitting.</summary>
    public TextNormalizer Normalizer { get; }

    /// <summary>Padding id, or null when the tokenizer has none (then only unpadded encoding works).</summary>
    public int? PadId { get; }

    /// <summary>Id of the unknown token, if any.</summary>
    public int? UnknownId => _model switch
    {
        WordPieceModel wp => wp.UnknownId,
        BytePairModel bpe => bpe.UnknownId,
        _ => null,
    };

    /// <summary>Id of the mask token ([MASK] or &lt;mask&gt;), if the vocabulary has one.</summary>
    public int? MaskId => TryGetId("[MASK]", out int id) || TryGetId("<mask>", out id) ? id : null;

    /// <summary>Ids added before the text (e.g. [CLS]).</summary>
    public IReadOnlyList<int> PrefixIds => _prefix;

    /// <summary>Ids added after the text (e.g. [SEP]).</summary>
    public IReadOnlyList<int> SuffixIds => _suffix;

    /// <summary>Ids of special tokens (skipped by <see cref="Decode"/>).</summary>
    public IReadOnlySet<int> SpecialIds => _specialIds;

    /// <summary>Looks a token up.</summary>
    public bool TryGetId(string token, out int id) => _model.Vocabulary.TryGetId(token, out id);

    /// <summary>The token string of an id.</summary>
    public string IdToToken(int id) => _model.Vocabulary[id];

    /// <summary>Encodes one text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">Truncate so that the result, special tokens included, has at most this many ids.</param>
    /// <param name="addSpecialTokens">Add the template's special tokens ([CLS] ... [SEP]).</param>
    /// <param name="tailTokens">
    /// When truncating, keep this many tokens from the end of the text and the rest from the start
    /// ("head+tail" truncation; mail footers are telling). 0 keeps only the start.
    /// </param>
    public int[] Encode(string text, int? maxLength = null, bool addSpecialTokens = true, int tailTokens = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        int specials = addSpecialTokens ? _prefix.Length + _suffix.Length : 0;
        if (maxLength is { } max && max < specials)
            throw new ArgumentOutOfRangeException(nameof(maxLength), max, $"must be at least {specials} to hold the special tokens");
        int limit = maxLength is { } m ? m - specials : int.MaxValue;
        if (tailTokens < 0 || (tailTokens > 0 && tailTokens > limit))
            throw new ArgumentOutOfRangeException(nameof(tailTokens), tailTokens, $"must be in [0, {Math.Max(0, limit)}] (the content length after special tokens)");
        var ids = new List<int>(Math.Min(limit, 256) + specials);
        if (addSpecialTokens)
            ids.AddRange(_prefix);
        if (tailTokens == 0)
        {
            EncodeContent(text, limit, ids);
        }
        else
        {
            var content = new List<int>();
            EncodeContent(text, int.MaxValue, content);
            if (content.Count <= limit)
                ids.AddRange(content);
            else
            {
                ids.AddRange(content.GetRange(0, limit - tailTokens));
                ids.AddRange(content.GetRange(content.Count - tailTokens, tailTokens));
            }
        }
        if (addSpecialTokens)
            ids.AddRange(_suffix);
        return [.. ids];
    }

    /// <summary>The token strings of a text, without special tokens (handy for inspection and tests).</summary>
    public IReadOnlyList<string> Tokenize(string text) =>
        [.. Encode(text, addSpecialTokens: false).Select(IdToToken)];

    /// <summary>
    /// Encodes texts into flat (BatchSize, SequenceLength) arrays with an attention mask. Rows longer
    /// than <paramref name="maxLength"/> are truncated (keeping <paramref name="tailTokens"/> from the
    /// end, see <see cref="Encode"/>); shorter rows are padded on the right.
    /// </summary>
    public TokenizedBatch EncodeBatch(IReadOnlyList<string> texts, int maxLength,
        PaddingMode padding = PaddingMode.MaxLength, bool addSpecialTokens = true, int tailTokens = 0)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (maxLength < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "must be positive");
        for (int i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
                throw new ArgumentException($"text {i} is null", nameof(texts));
        }
        var rows = new int[texts.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = texts.Count >= 64 ? Environment.ProcessorCount : 1 };
        Parallel.For(0, texts.Count, options, i =>
            rows[i] = Encode(texts[i], maxLength, addSpecialTokens, tailTokens));
        int seq = padding == PaddingMode.MaxLength ? maxLength : Math.Max(1, rows.Length == 0 ? 1 : rows.Max(r => r.Length));
        bool needsPad = rows.Any(r => r.Length < seq);
        if (needsPad && PadId is null)
            throw new InvalidOperationException("this tokenizer has no padding token, so rows of different lengths cannot be batched");
        int pad = PadId ?? 0;
        var inputIds = new int[rows.Length * seq];
        var mask = new int[rows.Length * seq];
        var lengths = new int[rows.Length];
        for (int b = 0; b < rows.Length; b++)
        {
            var row = rows[b];
            lengths[b] = row.Length;
            var idsRow = inputIds.AsSpan(b * seq, seq);
            row.CopyTo(idsRow);
            idsRow[row.Length..].Fill(pad);
            mask.AsSpan(b * seq, row.Length).Fill(1);
        }
        return new TokenizedBatch(inputIds, mask, rows.Length, seq, lengths);
    }

    /// <summary>Turns ids back into text; special and padding tokens are skipped unless asked for.</summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = true)
    {
        var tokens = new List<string>(ids.Length);
        foreach (int id in ids)
        {
            if (skipSpecialTokens && _specialIds.Contains(id))
                continue;
            tokens.Add(_model.Vocabulary[id]);
        }
        return _model.Decode(tokens);
    }

    private void EncodeContent(string text, int limit, List<int> ids)
    {
        int start = ids.Count;
        int pos = 0;
        while (pos <= text.Length && ids.Count - start < limit)
        {
            int next = FindSpecial(text, pos, out int specialId, out int specialLength);
            if (next > pos || (next < 0 && pos < text.Length))
                EncodePlain(text.Substring(pos, (next < 0 ? text.Length : next) - pos), start, limit, ids);
            if (next < 0)
                break;
            if (ids.Count - start < limit)
                ids.Add(specialId);
            pos = next + specialLength;
        }
        if (ids.Count - start > limit)
            ids.RemoveRange(start + limit, ids.Count - start - limit);
    }

    // With truncation only a prefix of a long text is needed, so the text is normalized and split in
    // chunks that end where whitespace follows a non-space: no word or GPT-2 piece crosses such a point.
    private void EncodePlain(string raw, int start, int limit, List<int> ids)
    {
        int chunk = limit == int.MaxValue ? raw.Length : Math.Max(1024, limit * 16);
        var segments = new List<TextSegment>();
        var scratch = new List<int>();
        for (int pos = 0; pos < raw.Length;)
        {
            int end = ChunkEnd(raw, pos, chunk);
            EncodeChunk(pos == 0 && end == raw.Length ? raw : raw[pos..end], pos == 0, segments, scratch, start, limit, ids);
            if (ids.Count - start >= limit)
                return;
            pos = end;
        }
    }

    private static int ChunkEnd(string s, int pos, int size)
    {
        if (s.Length - pos <= size)
            return s.Length;
        for (int i = pos + size; i < s.Length; i++)
        {
            if (char.IsWhiteSpace(s[i]) && !char.IsWhiteSpace(s[i - 1]))
                return i;
        }
        return s.Length;
    }

    private void EncodeChunk(string raw, bool first, List<TextSegment> segments, List<int> scratch, int start, int limit, List<int> ids)
    {
        string text = Normalizer.Normalize(raw);
        if (first && _preTokenizer is ByteLevelPreTokenizer { AddPrefixSpace: true } && text.Length > 0 && text[0] != ' ')
            text = " " + text;
        segments.Clear();
        _preTokenizer.Split(text, segments);
        foreach (var seg in segments)
        {
            var word = text.AsSpan(seg.Start, seg.Length);
            if (!_cacheBySpan.TryGetValue(word, out int[]? pieces))
            {
                scratch.Clear();
                _model.EncodeWord(word, scratch);
                pieces = [.. scratch];
                if (_cache.Count < MaxCachedWords)
                    _cacheBySpan.TryAdd(word, pieces);
            }
            ids.AddRange(pieces);
            if (ids.Count - start >= limit)
                return;
        }
    }

    private int FindSpecial(string text, int from, out int id, out int length)
    {
        id = -1;
        length = 0;
        int best = -1;
        foreach (string special in _specialTexts)
        {
            int at = text.IndexOf(special, from, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
                length = special.Length;
                _model.Vocabulary.TryGetId(special, out id);
            }
        }
        return best;
    }
}
