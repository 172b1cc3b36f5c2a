namespace Governance.Evaluation.Drift;

/// <summary>
/// Tokens of a document as 64-bit FNV-1a hashes of maximal runs of letters or digits, lowercased
/// (invariant culture). Hashes stand in for the strings (no allocation per token); two distinct
/// tokens share a hash with probability about V^2 / 2^65, negligible for any real vocabulary.
/// </summary>
internal static class TextTokens
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    // ASCII letters and digits mapped to their lowercase form; every other ASCII character to 0.
    private static readonly byte[] AsciiLower = BuildAsciiLower();

    public static ulong[] Hash(string? document, int maxTokens)
    {
        if (string.IsNullOrEmpty(document))
        {
            return [];
        }

        ulong[] buffer = System.Buffers.ArrayPool<ulong>.Shared.Rent(Math.Min(maxTokens, (document.Length / 2) + 1));
        int count = 0;
        ulong h = OffsetBasis;
        bool inToken = false;
        foreach (char raw in document)
        {
            char c = raw;
            bool tokenChar;
            if (c < 128)
            {
                c = (char)AsciiLower[c];
                tokenChar = c != 0;
            }
            else
            {
                tokenChar = char.IsLetterOrDigit(c);
                c = char.ToLowerInvariant(c);
            }

            if (tokenChar)
            {
                h = (h ^ c) * Prime;
                inToken = true;
            }
            else if (inToken)
            {
                buffer[count++] = h;
                if (count >= maxTokens)
                {
                    break;
                }

                h = OffsetBasis;
                inToken = false;
            }
        }

        if (inToken && count < maxTokens)
        {
            buffer[count++] = h;
        }

        ulong[] tokens = buffer.AsSpan(0, count).ToArray();
        System.Buffers.ArrayPool<ulong>.Shared.Return(buffer);
        return tokens;
    }

    /// <summary>Each token's hash with its lowercased text (slow path, for naming a few histogram tokens).</summary>
    public static IEnumerable<(ulong Hash, string Text)> Spell(string? document, int maxTokens)
    {
        if (string.IsNullOrEmpty(document))
        {
            yield break;
        }

        var text = new System.Text.StringBuilder();
        int emitted = 0;
        for (int i = 0; i <= document.Length; i++)
        {
            char c = i < document.Length ? document[i] : ' ';
            if (char.IsLetterOrDigit(c) && (c >= 128 || c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            {
                text.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (text.Length > 0)
            {
                string token = text.ToString();
                yield return (Hash(token, 1)[0], token);
                text.Clear();
                if (++emitted >= maxTokens)
                {
                    yield break;
                }
            }
        }
    }

    private static byte[] BuildAsciiLower()
    {
        byte[] table = new byte[128];
        for (int c = 0; c < 128; c++)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                table[c] = (byte)c;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                table[c] = (byte)(c + 32);
            }
        }

        return table;
    }

    /// <summary>Mixes two token hashes into a bigram hash (order matters).</summary>
    public static ulong Bigram(ulong first, ulong second)
    {
        ulong x = (first * 0x9E3779B97F4A7C15UL) ^ second;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        return x ^ (x >> 29);
    }
}
