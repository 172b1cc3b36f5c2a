using System.Globalization;
using System.Text;

namespace Governance.Learning.Tokenization;

/// <summary>A piece of the normalized text that the model encodes on its own (a "word").</summary>
internal readonly record struct TextSegment(int Start, int Length);

/// <summary>Splits normalized text into words; the model then splits each word into tokens.</summary>
internal interface IPreTokenizer
{
    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="segments"/>, in order.</summary>
    void Split(string text, List<TextSegment> segments);
}

/// <summary>BERT's basic split: whitespace separates words and is dropped; each punctuation character is a word.</summary>
internal sealed class BertPreTokenizer : IPreTokenizer
{
    public static BertPreTokenizer Instance { get; } = new();

    public void Split(string text, List<TextSegment> segments)
    {
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (start >= 0)
                    segments.Add(new TextSegment(start, i - start));
                start = -1;
            }
            else if (IsPunctuation(c))
            {
                if (start >= 0)
                    segments.Add(new TextSegment(start, i - start));
                segments.Add(new TextSegment(i, 1));
                start = -1;
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        if (start >= 0)
            segments.Add(new TextSegment(start, text.Length - start));
    }

    /// <summary>ASCII symbols count as punctuation (as in BERT), plus every Unicode P* category.</summary>
    internal static bool IsPunctuation(char c)
    {
        if (c < 128)
            return c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }
}

/// <summary>Splits on whitespace only (Hugging Face "WhitespaceSplit").</summary>
internal sealed class WhitespaceSplitPreTokenizer : IPreTokenizer
{
    public static WhitespaceSplitPreTokenizer Instance { get; } = new();

    public void Split(string text, List<TextSegment> segments)
    {
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                if (start >= 0)
                    segments.Add(new TextSegment(start, i - start));
                start = -1;
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        if (start >= 0)
            segments.Add(new TextSegment(start, text.Length - start));
    }
}

/// <summary>
/// GPT-2's split, written as a scanner instead of a regex. It matches, at each position, the first
/// alternative of <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>.
/// Byte-to-unicode mapping is done by the BPE model, which sees the raw words.
/// </summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex = true) : IPreTokenizer
{
    public bool AddPrefixSpace { get; } = addPrefixSpace;

    /// <summary>False: the whole text is one word (Hugging Face's use_regex = false).</summary>
    public bool UseRegex { get; } = useRegex;

    public void Split(string text, List<TextSegment> segments)
    {
        if (!UseRegex)
        {
            if (text.Length > 0)
                segments.Add(new TextSegment(0, text.Length));
            return;
        }
        int i = 0, n = text.Length;
        while (i < n)
        {
            int end = MatchContraction(text, i);
            if (end < 0)
                end = MatchClass(text, i);
            if (end < 0)
                end = MatchWhitespace(text, i);
            segments.Add(new TextSegment(i, end - i));
            i = end;
        }
    }

    private static int MatchContraction(string s, int i)
    {
        if (s[i] != '\'' || i + 1 >= s.Length)
            return -1;
        char a = s[i + 1];
        if (a is 's' or 't' or 'm' or 'd')
            return i + 2;
        if (i + 2 < s.Length)
        {
            char b = s[i + 2];
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
                return i + 3;
        }
        return -1;
    }

    // ' ?\p{L}+ | ' ?\p{N}+ | ' ?[^\s\p{L}\p{N}]+
    private static int MatchClass(string s, int i)
    {
        int j = s[i] == ' ' ? i + 1 : i;
        if (j >= s.Length)
            return -1;
        var kind = Classify(s, j, out int w);
        if (kind == CharKind.Space)
            return -1;
        j += w;
        while (j < s.Length && Classify(s, j, out w) == kind)
            j += w;
        return j;
    }

    // \s+(?!\S) | \s+ : a whitespace run, less its last character when a non-space follows.
    private static int MatchWhitespace(string s, int i)
    {
        int j = i;
        while (j < s.Length && Classify(s, j, out int w) == CharKind.Space)
            j += w;
        if (j == s.Length || j - i == 1)
            return j;
        return j - 1;
    }

    private enum CharKind { Letter, Number, Space, Other }

    private static CharKind Classify(string s, int i, out int width)
    {
        char c = s[i];
        width = 1;
        if (c < 128)
        {
            if (char.IsAsciiLetter(c)) return CharKind.Letter;
            if (char.IsAsciiDigit(c)) return CharKind.Number;
            return c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' ? CharKind.Space : CharKind.Other;
        }
        if (Rune.DecodeFromUtf16(s.AsSpan(i), out Rune r, out width) != System.Buffers.OperationStatus.Done)
        {
            width = 1;
            return CharKind.Other;
        }
        if (Rune.IsWhiteSpace(r)) return CharKind.Space;
        if (Rune.IsLetter(r)) return CharKind.Letter;
        if (Rune.IsNumber(r)) return CharKind.Number;
        return CharKind.Other;
    }
}
