using System.Text;

namespace Governance.Learning.Corpora;

/// <summary>
/// A parsed RFC 822 / MIME message or part: unfolded headers and the raw body, held as a Latin-1
/// string (one char per byte) until a part's transfer encoding and charset are applied.
/// </summary>
internal sealed class MailMessage
{
    private const int MaxDepth = 8;
    private readonly Dictionary<string, string> _headers;

    private MailMessage(Dictionary<string, string> headers, string body)
    {
        _headers = headers;
        Body = body;
    }

    public string Body { get; }

    /// <summary>The first header of that name (case-insensitive), raw, or null.</summary>
    public string? Header(string name) => _headers.GetValueOrDefault(name);

    /// <summary>Media type, lowercased, "text/plain" when absent (RFC 2045 default).</summary>
    public string MediaType
    {
        get
        {
            string? ct = Header("Content-Type");
            if (string.IsNullOrWhiteSpace(ct))
                return "text/plain";
            int semi = ct.IndexOf(';', StringComparison.Ordinal);
            string type = (semi < 0 ? ct : ct[..semi]).Trim().ToLowerInvariant();
            // A few spam mails write "text/plain charset=..." without the semicolon.
            int space = type.IndexOfAny([' ', '\t']);
            return space < 0 ? type : type[..space];
        }
    }

    /// <summary>A parameter of Content-Type (e.g. boundary, charset), unquoted, or null.</summary>
    public string? ContentTypeParameter(string name)
    {
        string? ct = Header("Content-Type");
        if (ct is null)
            return null;
        int at = 0;
        while ((at = ct.IndexOf(name, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            int after = at + name.Length;
            bool startsWord = at == 0 || ct[at - 1] is ';' or ' ' or '\t';
            int eq = after;
            while (eq < ct.Length && ct[eq] is ' ' or '\t')
                eq++;
            if (startsWord && eq < ct.Length && ct[eq] == '=')
            {
                int v = eq + 1;
                while (v < ct.Length && ct[v] is ' ' or '\t')
                    v++;
                if (v < ct.Length && ct[v] == '"')
                {
                    int close = ct.IndexOf('"', v + 1);
                    return close < 0 ? ct[(v + 1)..] : ct[(v + 1)..close];
                }
                int stop = ct.IndexOfAny([';', ' ', '\t'], v);
                return stop < 0 ? ct[v..] : ct[v..stop];
            }
            at = after;
        }
        return null;
    }

    public static MailMessage Parse(string raw)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        var value = new StringBuilder();
        int pos = 0;
        while (pos < raw.Length)
        {
            int nl = raw.IndexOf('\n', pos);
            int lineEnd = nl < 0 ? raw.Length : nl;
            string line = raw[pos..lineEnd].TrimEnd('\r');
            pos = nl < 0 ? raw.Length : nl + 1;
            if (line.Length == 0)
                break;
            if (line[0] is ' ' or '\t')
            {
                if (name is not null)
                    value.Append(' ').Append(line.Trim());
                continue;
            }
            Flush();
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            // Lines without a colon (the mbox "From " line, garbage) are skipped.
            if (colon > 0 && !line[..colon].Contains(' ', StringComparison.Ordinal))
            {
                name = line[..colon];
                value.Append(line[(colon + 1)..].Trim());
            }
        }
        Flush();
        return new MailMessage(headers, raw[pos..]);

        void Flush()
        {
            if (name is not null)
                headers.TryAdd(name, value.ToString());
            name = null;
            value.Clear();
        }
    }

    /// <summary>
    /// The readable text: all inline text/plain parts; when there are none (or only a short
    /// placeholder), text/html parts with tags stripped. Multipart and message/rfc822 parts are
    /// searched depth-first.
    /// </summary>
    public string ReadableText()
    {
        var plain = new List<string>();
        var html = new List<string>();
        Collect(this, plain, html, 0);
        string plainText = string.Join("\n", plain).Trim();
        string htmlText = string.Join("\n", html).Trim();
        // A plain part that only says "this is an HTML message" is a placeholder: read the HTML instead.
        bool placeholder = plainText.Length < 80 && htmlText.Length > 4 * plainText.Length;
        return plainText.Length > 0 && !placeholder ? plainText : htmlText;
    }

    private static void Collect(MailMessage part, List<string> plain, List<string> html, int depth)
    {
        string type = part.MediaType;
        if (depth > MaxDepth)
            return;
        // Some corpus mails lost their top-level Content-Type but still carry a MIME body, and some
        // declare a boundary that differs from the one used: then the boundary is taken from the body.
        bool multipart = type.StartsWith("multipart/", StringComparison.Ordinal);
        if (multipart || part.Header("Content-Type") is null)
        {
            var children = part.ContentTypeParameter("boundary") is { } declared ? SplitMultipart(part.Body, declared) : [];
            if (children.Count == 0 && InferBoundary(part.Body) is { } inferred)
                children = SplitMultipart(part.Body, inferred);
            if (children.Count > 0)
            {
                foreach (string child in children)
                    Collect(Parse(child), plain, html, depth + 1);
                return;
            }
            if (multipart)
            {
                AddText(DecodeBody(part), plain, html); // no parts found: read the body as text
                return;
            }
        }
        if (type == "message/rfc822")
        {
            Collect(Parse(part.Body), plain, html, depth + 1);
            return;
        }
        if ((part.Header("Content-Disposition") ?? "").TrimStart().StartsWith("attachment", StringComparison.OrdinalIgnoreCase))
            return;
        if (type == "text/plain" || type == "text")
            AddText(DecodeBody(part), plain, html);
        else if (type == "text/html")
            html.Add(HtmlText.ToPlainText(DecodeBody(part)));
    }

    // Spam often sends HTML labelled text/plain (or with no Content-Type): such bodies count as HTML.
    private static void AddText(string text, List<string> plain, List<string> html)
    {
        if (LooksLikeHtml(text))
            html.Add(HtmlText.ToPlainText(text));
        else
            plain.Add(text);
    }

    private static bool LooksLikeHtml(string text)
    {
        if (text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<body", StringComparison.OrdinalIgnoreCase))
            return true;
        int closing = 0;
        foreach (string tag in (string[])["</p>", "</a>", "</font>", "</td>", "</div>", "</b>", "</strong>", "</table>"])
        {
            if (text.Contains(tag, StringComparison.OrdinalIgnoreCase))
                closing++;
        }
        return closing >= 2;
    }

    /// <summary>A "--boundary" line directly followed by a "Content-" header line, or null.</summary>
    internal static string? InferBoundary(string body)
    {
        int pos = 0;
        while (pos < body.Length)
        {
            int nl = body.IndexOf('\n', pos);
            if (nl < 0)
                return null;
            var line = body.AsSpan(pos, nl - pos).TrimEnd("\r \t");
            int next = nl + 1;
            if (line.Length > 2 && line.StartsWith("--", StringComparison.Ordinal)
                && string.Compare(body, next, "Content-", 0, 8, StringComparison.OrdinalIgnoreCase) == 0)
                return line[2..].ToString();
            pos = next;
        }
        return null;
    }

    private static string DecodeBody(MailMessage part)
    {
        byte[] bytes = MimeDecoding.DecodeTransfer(part.Body, part.Header("Content-Transfer-Encoding"));
        return MimeDecoding.DecodeCharset(bytes, part.ContentTypeParameter("charset"));
    }

    /// <summary>The parts between "--boundary" lines, up to "--boundary--" (preamble and epilogue dropped).</summary>
    internal static List<string> SplitMultipart(string body, string boundary)
    {
        var parts = new List<string>();
        string delimiter = "--" + boundary;
        int start = -1;
        int pos = 0;
        while (pos <= body.Length)
        {
            int nl = body.IndexOf('\n', pos);
            int lineEnd = nl < 0 ? body.Length : nl;
            var line = body.AsSpan(pos, lineEnd - pos).TrimEnd("\r \t");
            if (line.StartsWith(delimiter, StringComparison.Ordinal))
            {
                var rest = line[delimiter.Length..];
                bool closing = rest.StartsWith("--", StringComparison.Ordinal);
                if (rest.Length == 0 || closing)
                {
                    if (start >= 0)
                        parts.Add(body[start..Math.Max(start, pos - 1)]);
                    if (closing)
                        return parts;
                    start = nl < 0 ? body.Length : nl + 1;
                }
            }
            if (nl < 0)
                break;
            pos = nl + 1;
        }
        if (start >= 0 && start < body.Length)
            parts.Add(body[start..]); // no closing delimiter: keep the last part
        return parts;
    }
}
