using System.Net;
using System.Text;

namespace Governance.Learning.Corpora;

/// <summary>HTML to readable text: drops script/style/head contents, comments and tags, decodes entities, collapses whitespace.</summary>
internal static class HtmlText
{
    private static readonly string[] SkippedElements = ["script", "style", "head", "title"];
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "td",
    };

    public static string ToPlainText(string html)
    {
        var sb = new StringBuilder(html.Length);
        int i = 0;
        while (i < html.Length)
        {
            char c = html[i];
            if (c != '<')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                int close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }
            int end = html.IndexOf('>', i + 1);
            if (end < 0)
            {
                sb.Append(html, i, html.Length - i);
                break;
            }
            string name = TagName(html, i + 1, end);
            i = end + 1;
            if (SkippedElements.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                int close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                if (close >= 0)
                {
                    int closeEnd = html.IndexOf('>', close);
                    i = closeEnd < 0 ? html.Length : closeEnd + 1;
                }
            }
            sb.Append(BlockElements.Contains(name) ? '\n' : ' ');
        }
        return Collapse(WebUtility.HtmlDecode(sb.ToString()));
    }

    private static string TagName(string html, int from, int end)
    {
        int s = from;
        if (s < end && html[s] == '/')
            s++;
        int e = s;
        while (e < end && char.IsAsciiLetterOrDigit(html[e]))
            e++;
        return html[s..e];
    }

    // Runs of spaces become one space; runs of blank lines become one newline.
    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false, newline = false;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                newline = true;
                space = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                space = true;
            }
            else
            {
                if (sb.Length > 0 && newline)
                    sb.Append('\n');
                else if (sb.Length > 0 && space)
                    sb.Append(' ');
                sb.Append(c);
                space = newline = false;
            }
        }
        return sb.ToString();
    }
}
