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
            AddPairs(w);
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
        foreach (int w in inWords)
            MergeInWord(w, left, right, newId, touched);
        _pairCounts.Remove(key);
        foreach (long t in touched)
        {
            if (_pairCounts.TryGetValue(t, out long c) && c > 0)
                _heap.Enqueue(t, (-c, t));
        }
    }

    // Replaces each (left, right) in word w by merged and updates only the neighbouring pairs:
    // (prev, left) -> (prev, merged) and (right, next) -> (merged, next).
    private void MergeInWord(int w, int left, int right, int merged, HashSet<long> touched)
    {
        var symbols = words[w];
        long count = counts[w];
        int write = 0;
        bool changed = false;
        for (int read = 0; read < symbols.Length; read++)
        {
            if (read + 1 < symbols.Length && symbols[read] == left && symbols[read + 1] == right)
            {
                changed = true;
                if (write > 0)
                {
                    int prev = symbols[write - 1];
                    Add(Key(prev, left), -count);
                    Add(Key(prev, merged), count);
                    Note(Key(prev, merged));
                }
                if (read + 2 < symbols.Length)
                {
                    int next = symbols[read + 2];
                    Add(Key(right, next), -count);
                    Add(Key(merged, next), count);
                    Note(Key(merged, next));
                }
                symbols[write++] = merged;
                read++;
            }
            else
            {
                symbols[write++] = symbols[read];
            }
        }
        if (changed)
            words[w] = symbols[..write];

        void Note(long k)
        {
            touched.Add(k);
            if (!_pairWords.TryGetValue(k, out var set))
                _pairWords[k] = set = [];
            set.Add(w);
        }
    }

    private void Add(long key, long delta)
    {
        long updated = _pairCounts.GetValueOrDefault(key) + delta;
        if (updated == 0)
            _pairCounts.Remove(key);
        else
            _pairCounts[key] = updated;
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    // Counts the pairs of word w and notes where they occur.
    private void AddPairs(int w)
    {
        var symbols = words[w];
        for (int i = 0; i + 1 < symbols.Length; i++)
        {
            long key = Key(symbols[i], symbols[i + 1]);
            Add(key, counts[w]);
            if (!_pairWords.TryGetValue(key, out var set))
                _pairWords[key] = set = [];
            set.Add(w);
        }
    }
}
