using System.Text;

namespace Governance.Learning.Tokenization;

/// <summary>A model that turns one pre-tokenized word into token ids and token strings back into text.</summary>
internal interface ITokenModel
{
    Vocabulary Vocabulary { get; }

    /// <summary>Appends the ids of <paramref name="word"/> to <paramref name="ids"/>.</summary>
    void EncodeWord(ReadOnlySpan<char> word, List<int> ids);

    /// <summary>Joins (non-special) token strings back into text.</summary>
    string Decode(IReadOnlyList<string> tokens);
}

/// <summary>
/// WordPiece: greedy longest-match-first from the start of the word; pieces after the first carry
/// the continuation prefix ("##"). A word with a part that matches nothing, or longer than
/// <see cref="MaxInputCharsPerWord"/>, becomes the unknown token as a whole (as in BERT).
/// </summary>
internal sealed class WordPieceModel : ITokenModel
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;

    public WordPieceModel(Vocabulary vocabulary, int unknownId, string continuationPrefix, int maxInputCharsPerWord)
    {
        Vocabulary = vocabulary;
        UnknownId = unknownId;
        ContinuationPrefix = continuationPrefix;
        MaxInputCharsPerWord = maxInputCharsPerWord;
        // Continuation pieces keyed without their prefix, so a lookup is one span probe.
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 0; id < vocabulary.Count; id++)
        {
            string t = vocabulary[id];
            if (t.Length > continuationPrefix.Length && t.StartsWith(continuationPrefix, StringComparison.Ordinal))
                continuations.TryAdd(t[continuationPrefix.Length..], id);
        }
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Vocabulary Vocabulary { get; }

    public int UnknownId { get; }

    public string ContinuationPrefix { get; }

    public int MaxInputCharsPerWord { get; }

    public void EncodeWord(ReadOnlySpan<char> word, List<int> ids)
    {
        if (CountChars(word) > MaxInputCharsPerWord)
        {
            ids.Add(UnknownId);
            return;
        }
        int mark = ids.Count;
        int start = 0;
        while (start < word.Length)
        {
            int end = word.Length;
            int found = -1;
            while (end > start)
            {
                var piece = word[start..end];
                bool hit = start == 0 ? Vocabulary.TryGetId(piece, out found) : _continuations.TryGetValue(piece, out found);
                if (hit)
                    break;
                found = -1;
                end--;
                // Never cut a surrogate pair in half.
                if (end > start && char.IsLowSurrogate(word[end]) && char.IsHighSurrogate(word[end - 1]))
                    end--;
            }
            if (found < 0)
            {
                ids.RemoveRange(mark, ids.Count - mark);
                ids.Add(UnknownId);
                return;
            }
            ids.Add(found);
            start = end;
        }
    }

    public string Decode(IReadOnlyList<string> tokens)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            if (i > 0 && t.StartsWith(ContinuationPrefix, StringComparison.Ordinal))
                sb.Append(t, ContinuationPrefix.Length, t.Length - ContinuationPrefix.Length);
            else
            {
                if (i > 0)
                    sb.Append(' ');
                sb.Append(t);
            }
        }
        return CleanUp(sb);
    }

    // Hugging Face's clean_up_tokenization: undo the spaces that splitting put before punctuation.
    private static string CleanUp(StringBuilder sb) => sb
        .Replace(" .", ".").Replace(" ?", "?").Replace(" !", "!").Replace(" ,", ",")
        .Replace(" ' ", "'").Replace(" n't", "n't").Replace(" 'm", "'m").Replace(" 's", "'s")
        .Replace(" 've", "'ve").Replace(" 're", "'re").ToString();

    private static int CountChars(ReadOnlySpan<char> word)
    {
        int n = word.Length;
        foreach (char c in word)
        {
            if (char.IsLowSurrogate(c))
                n--;
        }
        return n;
    }
}
