using System.Buffers;
using System.Globalization;
using System.Text;

namespace Governance.Learning.Tokenization;

/// <summary>
/// Text clean-up before splitting, as BERT does it: drop control characters and map whitespace to
/// spaces, put spaces around CJK ideographs, strip accents (Unicode NFD, then remove non-spacing
/// marks), lowercase. Also covers Hugging Face's Lowercase / NFx / StripAccents normalizers.
/// </summary>
public sealed record TextNormalizer
{
    /// <summary>Remove NUL, U+FFFD and control characters; map every whitespace character to ' '.</summary>
    public bool CleanText { get; init; }

    /// <summary>Surround CJK ideographs with spaces so that each becomes its own word.</summary>
    public bool HandleChineseChars { get; init; }

    /// <summary>Decompose (NFD) and remove non-spacing marks (Unicode category Mn).</summary>
    public bool StripAccents { get; init; }

    /// <summary>Lowercase (invariant culture).</summary>
    public bool Lowercase { get; init; }

    /// <summary>A Unicode normalization form applied after clean-up, or null for none.</summary>
    public NormalizationForm? UnicodeForm { get; init; }

    /// <summary>Does nothing.</summary>
    public static TextNormalizer None { get; } = new();

    /// <summary>BERT's normalizer; accents are stripped when lowercasing, as in bert-base-uncased.</summary>
    public static TextNormalizer Bert(bool lowercase, bool? stripAccents = null) => new()
    {
        CleanText = true,
        HandleChineseChars = true,
        Lowercase = lowercase,
        StripAccents = stripAccents ?? lowercase,
    };

    /// <summary>Whether any step is enabled.</summary>
    public bool IsIdentity => !CleanText && !HandleChineseChars && !StripAccents && !Lowercase && UnicodeForm is null;

    /// <summary>Applies the enabled steps in BERT's order: clean, CJK, NFx, strip accents, lowercase.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsIdentity)
            return text;
        bool ascii = Ascii.IsValid(text);
        string s = ascii ? text : ReplaceLoneSurrogates(text);
        if (CleanText || HandleChineseChars)
            s = CleanAndSpace(s);
        if (UnicodeForm is { } form && !ascii)
            s = s.Normalize(form);
        if (StripAccents && !ascii)
            s = RemoveMarks(s.Normalize(NormalizationForm.FormD));
        if (Lowercase)
            s = s.ToLowerInvariant();
        return s;
    }

    private string CleanAndSpace(string text)
    {
        char[] buffer = ArrayPool<char>.Shared.Rent(text.Length * 3 + 2);
        try
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (CleanText)
                {
                    if (c == '\0' || c == '\uFFFD')
                        continue;
                    if (c is '\t' or '\n' or '\r' || IsSpace(c))
                    {
                        buffer[n++] = ' ';
                        continue;
                    }
                    if (IsControl(c))
                        continue;
                }
                if (HandleChineseChars && IsCjk(text, i, out int width))
                {
                    buffer[n++] = ' ';
                    for (int k = 0; k < width; k++)
                        buffer[n++] = text[i + k];
                    buffer[n++] = ' ';
                    i += width - 1;
                    continue;
                }
                buffer[n++] = c;
            }
            return new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // A lone surrogate (e.g. text cut inside an emoji) cannot be normalized; it becomes U+FFFD, as a
    // lossy UTF-8 decode would make it.
    private static string ReplaceLoneSurrogates(string s)
    {
        char[]? copy = null;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                copy ??= s.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }
        return copy is null ? s : new string(copy);
    }

    private static string RemoveMarks(string decomposed)
    {
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsSpace(char c) => c == ' ' || (c > 127 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator);

    // BERT treats Cc and Cf as control, except tab, newline and carriage return (handled above).
    private static bool IsControl(char c)
    {
        if (c < 32 || c == 127)
            return true;
        if (c < 128)
            return false;
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.Control or UnicodeCategory.Format;
    }

    /// <summary>CJK Unified Ideographs blocks as listed in BERT's tokenization.py.</summary>
    internal static bool IsCjk(string text, int index, out int width)
    {
        width = 1;
        char c = text[index];
        if (c < 0x3400)
            return false;
        int cp = c;
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            cp = char.ConvertToUtf32(c, text[index + 1]);
            width = 2;
        }
        return cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
    }
}
