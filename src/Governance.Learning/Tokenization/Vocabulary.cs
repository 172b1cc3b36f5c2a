namespace Governance.Learning.Tokenization;

/// <summary>
/// Token strings and their ids (0..Count-1, no gaps, no duplicates). Lookups by span avoid
/// allocating a string per candidate piece.
/// </summary>
public sealed class Vocabulary
{
    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byspan;

    private Vocabulary(string[] tokens, Dictionary<string, int> ids)
    {
        _tokens = tokens;
        _ids = ids;
        _byspan = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of tokens.</summary>
    public int Count => _tokens.Length;

    /// <summary>Tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string this[int id] => (uint)id < (uint)_tokens.Length
        ? _tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"token id must be in [0, {_tokens.Length})");

    /// <summary>Looks a token up by its text.</summary>
    public bool TryGetId(ReadOnlySpan<char> token, out int id) => _byspan.TryGetValue(token, out id);

    /// <summary>Looks a token up by its text.</summary>
    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    /// <summary>Whether the token is present.</summary>
    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>Builds a vocabulary where a token's id is its position (as in vocab.txt).</summary>
    /// <param name="tokens">Tokens in id order.</param>
    /// <param name="source">File or description named in errors.</param>
    public static Vocabulary FromOrderedTokens(IReadOnlyList<string> tokens, string source)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            if (t.Length == 0)
                throw new TokenizerFormatException(source, $"empty token at line {i + 1} (id {i})");
            if (!ids.TryAdd(t, i))
                throw new TokenizerFormatException(source,
                    $"duplicate token '{t}' at line {ids[t] + 1} and line {i + 1}");
        }
        return new Vocabulary([.. tokens], ids);
    }

    /// <summary>Builds a vocabulary from token/id pairs (as in tokenizer.json); ids must be 0..n-1.</summary>
    public static Vocabulary FromPairs(IEnumerable<KeyValuePair<string, int>> pairs, string source)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs.ToList();
        var tokens = new string?[list.Count];
        var ids = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        foreach (var (token, id) in list)
        {
            if (token.Length == 0)
                throw new TokenizerFormatException(source, $"empty token with id {id}");
            if ((uint)id >= (uint)list.Count)
                throw new TokenizerFormatException(source,
                    $"token '{token}' has id {id}, outside [0, {list.Count}) (ids must be 0..n-1 without gaps)");
            if (!ids.TryAdd(token, id))
                throw new TokenizerFormatException(source, $"duplicate token '{token}' (ids {ids[token]} and {id})");
            if (tokens[id] is { } other)
                throw new TokenizerFormatException(source, $"duplicate id {id} for tokens '{other}' and '{token}'");
            tokens[id] = token;
        }
        return new Vocabulary(tokens!, ids);
    }
}
