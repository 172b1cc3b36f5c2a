using System.Globalization;
using System.Text;

namespace Governance.Learning.Corpora;

/// <summary>
/// Content-transfer decodings (quoted-printable, base64), charsets, and RFC 2047 encoded words.
/// Raw mail is held as Latin-1 strings (one char per byte) so that bytes survive until a part's
/// charset is known.
/// </summary>
internal static class MimeDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Latin-1 string (one char per byte) back to bytes.</summary>
    public static byte[] RawBytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    /// <summary>Decodes a part's body bytes per its Content-Transfer-Encoding (7bit/8bit/binary pass through).</summary>
    public static byte[] DecodeTransfer(string body, string? transferEncoding) =>
        transferEncoding?.Trim().ToLowerInvariant() switch
        {
            "quoted-printable" => QuotedPrintable(body),
            "base64" => Base64(body),
            _ => RawBytes(body),
        };

    /// <summary>
    /// Bytes to text: the declared charset when .NET knows it (UTF-8 only if the bytes are valid
    /// UTF-8); without a usable charset, UTF-8 when valid, else Latin-1.
    /// </summary>
    public static string DecodeCharset(byte[] bytes, string? charset)
    {
        string name = (charset ?? "").Trim().Trim('"').ToLowerInvariant();
        if (name is "" or "utf-8" or "utf8" or "us-ascii" or "ascii" or "unknown-8bit" or "default")
            return Utf8OrLatin1(bytes);
        var encoding = FindEncoding(name);
        return encoding is null ? Utf8OrLatin1(bytes) : encoding.GetString(bytes);
    }

    private static string Utf8OrLatin1(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static Encoding? FindEncoding(string name)
    {
        if (name is "iso-8859-1" or "latin1" or "latin-1")
            return Encoding.Latin1;
        try
        {
            // Code pages (windows-1252, koi8-r, gb2312, ...) without registering a process-wide provider.
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static byte[] QuotedPrintable(string body)
    {
        var output = new List<byte>(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c != '=')
            {
                output.Add((byte)c);
                continue;
            }
            // Soft line break: '=' at the end of a line (trailing spaces allowed).
            int j = i + 1;
            while (j < body.Length && body[j] is ' ' or '\t')
                j++;
            if (j < body.Length && body[j] is '\r' or '\n')
            {
                i = body[j] == '\r' && j + 1 < body.Length && body[j + 1] == '\n' ? j + 1 : j;
                continue;
            }
            if (j == body.Length)
                break;
            if (i + 2 < body.Length && IsHex(body[i + 1]) && IsHex(body[i + 2]))
            {
                output.Add(byte.Parse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                output.Add((byte)'=');
            }
        }
        return [.. output];
    }

    public static byte[] Base64(string body)
    {
        var sb = new StringBuilder(body.Length);
        foreach (char c in body)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
                sb.Append(c);
        }
        switch (sb.Length % 4)
        {
            case 1: sb.Length--; break;
            case 2: sb.Append("=="); break;
            case 3: sb.Append('='); break;
        }
        return Convert.FromBase64String(sb.ToString());
    }

    /// <summary>Decodes RFC 2047 words (=?charset?Q|B?text?=) in a header; whitespace between adjacent words is dropped.</summary>
    public static string DecodeHeader(string raw)
    {
        if (!raw.Contains("=?", StringComparison.Ordinal))
            return DecodeCharset(RawBytes(raw), null);
        var sb = new StringBuilder(raw.Length);
        int pos = 0;
        int lastWordEnd = -1;
        while (pos < raw.Length)
        {
            int start = raw.IndexOf("=?", pos, StringComparison.Ordinal);
            if (start < 0 || !TryDecodeWord(raw, start, out string decoded, out int end))
            {
                int stop = start < 0 ? raw.Length : start + 2;
                sb.Append(DecodeCharset(RawBytes(raw[pos..stop]), null));
                pos = stop;
                lastWordEnd = -1;
                continue;
            }
            string between = raw[pos..start];
            if (!(lastWordEnd == pos && string.IsNullOrWhiteSpace(between)))
                sb.Append(DecodeCharset(RawBytes(between), null));
            sb.Append(decoded);
            pos = lastWordEnd = end;
        }
        return sb.ToString();
    }

    private static bool TryDecodeWord(string s, int start, out string decoded, out int end)
    {
        decoded = "";
        end = start;
        int q1 = s.IndexOf('?', start + 2);
        if (q1 < 0 || q1 + 2 >= s.Length || s[q1 + 2] != '?')
            return false;
        char mode = char.ToUpperInvariant(s[q1 + 1]);
        int close = s.IndexOf("?=", q1 + 3, StringComparison.Ordinal);
        if (close < 0 || mode is not ('Q' or 'B'))
            return false;
        string charset = s[(start + 2)..q1];
        int star = charset.IndexOf('*', StringComparison.Ordinal); // RFC 2231 language suffix
        if (star >= 0)
            charset = charset[..star];
        string text = s[(q1 + 3)..close];
        byte[] bytes = mode == 'B' ? Base64(text) : QuotedPrintable(text.Replace('_', ' '));
        decoded = DecodeCharset(bytes, charset);
        end = close + 2;
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
