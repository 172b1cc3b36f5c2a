using System.Runtime.InteropServices;

namespace Governance.Learning.Tokenization;

/// <summary>
/// Learns a WordPiece vocabulary the way Hugging Face's WordPieceTrainer does: BERT-normalize and
/// split the corpus into words, start from the characters (word-initial "c" and continuation "##c"),
/// then repeatedly merge the most frequent adjacent pair until the vocabulary is full or no pair is
/// seen <see cref="WordPieceTrainingOptions.MinFrequency"/> times. Pair counts are updated
/// incrementally (only the words containing the merged pair are touched), with a lazy max-heap.
/// Deterministic: ties go to the pair with the smaller ids.
/// </summary>
public sealed class WordPieceTrainer
{
    private readonly WordPieceTrainingOptions _options;

    /// <summary>Creates a trainer; the options are validated here.</summary>
    public WordPieceTrainer(WordPieceTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Returns the learned tokens in id order: the special tokens first, then characters, then merges.</summary>
    public IReadOnlyList<string> Train(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var wp = _options.Tokenizer;
        var wordCounts = CountWords(texts, wp);
        if (wordCounts.Count == 0)
            throw new ArgumentException("the corpus has no words to learn from", nameof(texts));

        var tokens = new List<string>(wp.SpecialTokens);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
            ids[tokens[i]] = i;
        var alphabet = ChooseAlphabet(wordCounts);

        // Words as symbol-id arrays; a word with a character outside the alphabet is left out.
        var words = new List<int[]>();
        var counts = new List<long>();
        foreach (var (word, count) in wordCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var symbols = new List<int>();
            bool ok = true;
            for (int i = 0; i < word.Length && ok; i++)
            {
                int w = char.IsHighSurrogate(word[i]) && i + 1 < word.Length ? 2 : 1;
                string ch = word.Substring(i, w);
                i += w - 1;
                ok = alphabet.Contains(ch);
                if (ok)
                    symbols.Add(IdOf(symbols.Count == 0 ? ch : wp.ContinuationPrefix + ch));
            }
            if (ok)
            {
                words.Add([.. symbols]);
                counts.Add(count);
            }
        }
        new PairMerger(words, counts, tokens, ids, wp.ContinuationPrefix).Run(_options.VocabSize, _options.MinFrequency);
        return tokens;

        int IdOf(string token)
        {
            if (!ids.TryGetValue(token, out int id))
            {
                id = tokens.Count;
                tokens.Add(token);
                ids[token] = id;
            }
            return id;
        }
    }

    // Word frequencies; texts are counted in parallel partitions and summed (order-independent).
    private static Dictionary<string, long> CountWords(IEnumerable<string> texts, WordPieceOptions wp)
    {
        var normalizer = TextNormalizer.Bert(wp.Lowercase, wp.StripAccents) with { HandleChineseChars = wp.HandleChineseChars };
        var all = texts.ToList();
        if (all.Any(t => t is null))
            throw new ArgumentException("the corpus contains a null text", nameof(texts));
        var partials = new List<Dictionary<string, long>>();
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, all.Count, Math.Max(1, all.Count / (4 * Environment.ProcessorCount))),
            () => new Dictionary<string, long>(StringComparer.Ordinal),
            (range, state, local) =>
            {
                var bySpan = local.GetAlternateLookup<ReadOnlySpan<char>>();
                var segments = new List<TextSegment>();
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    string text = normalizer.Normalize(all[i]);
                    segments.Clear();
                    BertPreTokenizer.Instance.Split(text, segments);
                    foreach (var seg in segments)
                    {
                        if (seg.Length <= wp.MaxInputCharsPerWord)
                            CollectionsMarshal.GetValueRefOrAddDefault(bySpan, text.AsSpan(seg.Start, seg.Length), out _)++;
                    }
                }
                return local;
            },
            local => { lock (partials) partials.Add(local); });
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var part in partials)
        {
            foreach (var (word, c) in part)
                CollectionsMarshal.GetValueRefOrAddDefault(total, word, out _) += c;
        }
        foreach (string s in wp.SpecialTokens)
            total.Remove(s);
        return total;
    }

    private HashSet<string> ChooseAlphabet(Dictionary<string, long> wordCounts)
    {
        var chars = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (word, count) in wordCounts)
        {
            for (int i = 0; i < word.Length; i++)
            {
                int w = char.IsHighSurrogate(word[i]) && i + 1 < word.Length ? 2 : 1;
                string ch = word.Substring(i, w);
                i += w - 1;
                chars[ch] = chars.GetValueOrDefault(ch) + count;
            }
        }
        return chars.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(_options.MaxAlphabetSize).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
    }
}
