namespace Governance.Learning.Tokenization;

/// <summary>
/// The merge loop of WordPiece training. Holds, for every adjacent symbol pair, its count over the
/// corpus (word frequency weighted) and the words it occurs in; a lazy max-heap finds the most
/// frequent pair (stale heap entries are re-queued with their current count when popped).
/// </summary>
internal sealed class PairMerger(List<int[]> words, List<long> counts, List<string> tokens, Dictionary<string, int> ids, string prefix)
{
    private readonly Dictionary<long, long> _pairCounts = [];
    private readonly Dictionary<long, HashSet<int>> _pairWords = [];
    private readonly PriorityQueue<long, (long NegCount, long Key)> _heap = new();

    public void Run(int vocabSize, int minFrequency)
    {
        for (int w = 0; w < words.Count; w++)
            AddPairs(w, +1, null);
        foreach (var (key, count) in _pairCounts)
            _heap.Enqueue(key, (-count, key));

        while (tokens.Count < vocabSize && _heap.TryDequeue(out long key, out var priority))
        {
            long current = _pairCounts.GetValueOrDefault(key);
            if (current != -priority.NegCount)
            {
                if (current >= minFrequency)
                    _heap.Enqueue(key, (-current, key));
                continue;
            }
            if (current < minFrequency)
                break;
            Merge(key);
        }
    }

    private void Merge(long key)
    {
        int left = (int)(key >> 32), right = (int)(key & 0xFFFFFFFF);
        string rightText = tokens[right];
        string merged = tokens[left] + (rightText.StartsWith(prefix, StringComparison.Ordinal) ? rightText[prefix.Length..] : rightText);
        if (!ids.TryGetValue(merged, out int newId))
        {
            newId = tokens.Count;
            tokens.Add(merged);
            ids[merged] = newId;
        }
        var touched = new HashSet<long>();
        var inWords = _pairWords[key];
        _pairWords.Remove(key);
        foreach (int w in inWords.Order())
        {
            var symbols = words[w];
            if (!Contains(symbols, left, right))
                continue;
            AddPairs(w, -1, null);
            words[w] = Replace(symbols, left, right, newId);
            AddPairs(w, +1, touched);
        }
        _pairCounts.Remove(key);
        foreach (long t in touched)
        {
            if (_pairCounts.TryGetValue(t, out long c) && c > 0)
                _heap.Enqueue(t, (-c, t));
        }
    }

    // Adds (sign = +1) or removes (-1) the pairs of word w; new pairs are noted in touched.
    private void AddPairs(int w, int sign, HashSet<long>? touched)
    {
        var symbols = words[w];
        long weight = sign * counts[w];
        for (int i = 0; i + 1 < symbols.Length; i++)
        {
            long key = ((long)symbols[i] << 32) | (uint)symbols[i + 1];
            long updated = _pairCounts.GetValueOrDefault(key) + weight;
            if (updated == 0)
                _pairCounts.Remove(key);
            else
                _pairCounts[key] = updated;
            if (sign > 0)
            {
                if (!_pairWords.TryGetValue(key, out var set))
                    _pairWords[key] = set = [];
                set.Add(w);
                touched?.Add(key);
            }
        }
    }

    private static bool Contains(int[] symbols, int left, int right)
    {
        for (int i = 0; i + 1 < symbols.Length; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right)
                return true;
        }
        return false;
    }

    private static int[] Replace(int[] symbols, int left, int right, int merged)
    {
        var result = new List<int>(symbols.Length);
        for (int i = 0; i < symbols.Length; i++)
        {
            if (i + 1 < symbols.Length && symbols[i] == left && symbols[i + 1] == right)
            {
                result.Add(merged);
                i++;
            }
            else
            {
                result.Add(symbols[i]);
            }
        }
        return [.. result];
    }
}
