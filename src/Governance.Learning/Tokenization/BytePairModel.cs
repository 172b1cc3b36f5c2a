using System.Text;

namespace Governance.Learning.Tokenization;

/// <summary>
/// Byte-pair encoding: a word starts as single symbols and the adjacent pair with the lowest merge
/// rank is merged until no ranked pair is left. In byte-level mode (GPT-2, RoBERTa) the word's UTF-8
/// bytes are first mapped through <see cref="ByteLevelAlphabet"/>, so nothing is ever unknown.
/// </summary>
internal sealed class BytePairModel : ITokenModel
{
    private readonly Dictionary<long, (int Rank, int Merged)> _merges;

    /// <param name="vocabulary">Tokens.</param>
    /// <param name="merges">Merge rules in rank order, as token pairs.</param>
    /// <param name="byteLevel">Map UTF-8 bytes to GPT-2's alphabet before merging.</param>
    /// <param name="unknownId">Id for a symbol missing from the vocabulary, or null to drop it (as Hugging Face does).</param>
    /// <param name="source">File named in errors.</param>
    public BytePairModel(Vocabulary vocabulary, IReadOnlyList<(string Left, string Right)> merges, bool byteLevel, int? unknownId, string source)
    {
        Vocabulary = vocabulary;
        Merges = merges;
        ByteLevel = byteLevel;
        UnknownId = unknownId;
        _merges = new Dictionary<long, (int, int)>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            int a = Require(left, rank), b = Require(right, rank), m = Require(left + right, rank);
            _merges.TryAdd(Key(a, b), (rank, m));
        }

        int Require(string token, int rank) => vocabulary.TryGetId(token, out int id)
            ? id
            : throw new TokenizerFormatException(source,
                $"merge #{rank} '{merges[rank].Left} {merges[rank].Right}' names token '{token}', which is not in the vocabulary");
    }

    public Vocabulary Vocabulary { get; }

    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    public bool ByteLevel { get; }

    public int? UnknownId { get; }

    public void EncodeWord(ReadOnlySpan<char> word, List<int> ids)
    {
        var symbols = new List<int>(word.Length);
        if (ByteLevel)
        {
            Span<byte> bytes = word.Length <= 256 ? stackalloc byte[word.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(word.Length)];
            int n = Encoding.UTF8.GetBytes(word, bytes);
            Span<char> one = stackalloc char[1];
            for (int i = 0; i < n; i++)
            {
                one[0] = ByteLevelAlphabet.Map(bytes[i]);
                AddSymbol(one);
            }
        }
        else
        {
            for (int i = 0; i < word.Length; i++)
            {
                int w = char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;
                AddSymbol(word.Slice(i, w));
                i += w - 1;
            }
        }
        ApplyMerges(symbols);
        ids.AddRange(symbols);

        void AddSymbol(ReadOnlySpan<char> symbol)
        {
            if (Vocabulary.TryGetId(symbol, out int id))
                symbols.Add(id);
            else if (UnknownId is { } unk)
                symbols.Add(unk);
        }
    }

    // Quadratic in the word's length, which is fine for words; results are cached per word upstream.
    private void ApplyMerges(List<int> symbols)
    {
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue, bestAt = -1, bestMerged = -1;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (_merges.TryGetValue(Key(symbols[i], symbols[i + 1]), out var m) && m.Rank < bestRank)
                    (bestRank, bestAt, bestMerged) = (m.Rank, i, m.Merged);
            }
            if (bestAt < 0)
                return;
            // Merge every non-overlapping occurrence of the best pair, left to right.
            int left = symbols[bestAt], right = symbols[bestAt + 1];
            int write = 0;
            for (int read = 0; read < symbols.Count; read++)
            {
                if (read + 1 < symbols.Count && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write++] = bestMerged;
                    read++;
                }
                else
                {
                    symbols[write++] = symbols[read];
                }
            }
            symbols.RemoveRange(write, symbols.Count - write);
        }
    }

    public string Decode(IReadOnlyList<string> tokens)
    {
        if (!ByteLevel)
            return string.Concat(tokens);
        var bytes = new List<byte>();
        foreach (string t in tokens)
        {
            foreach (char c in t)
            {
                if (ByteLevelAlphabet.TryUnmap(c, out byte b))
                    bytes.Add(b);
                else
                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;
}
