using System.Text.RegularExpressions;

namespace Governance.Web.Tests.Evidence;

/// <summary>
/// The structural accessibility rules of the browser tests (AccessibilityTests), checked on server HTML:
/// one h1 opening the main content, no skipped heading level, a scope on every table header, a label for
/// every form control.
/// </summary>
public static partial class HtmlStructure
{
    public static void AssertAccessible(string html, string path)
    {
        var main = MainPattern().Match(html);
        Assert.True(main.Success, $"{path} has no <main>.");
        var levels = HeadingPattern().Matches(main.Value).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(levels.Count > 0 && levels[0] == 1 && levels.Count(l => l == 1) == 1, $"{path} must open with exactly one h1; headings: {string.Join(", ", levels)}.");
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"{path} skips from h{levels[i - 1]} to h{levels[i]}.");
        }
        foreach (Match th in ThPattern().Matches(html))
        {
            Assert.Matches("scope=\"(col|row)\"", th.Value);
        }
        foreach (Match control in ControlPattern().Matches(html))
        {
            var tag = control.Value;
            if (tag.Contains("type=\"hidden\"", StringComparison.Ordinal) || tag.Contains("type=\"submit\"", StringComparison.Ordinal))
            {
                continue;
            }
            var id = IdPattern().Match(tag);
            var labelled = tag.Contains("aria-label=", StringComparison.Ordinal)
                || (id.Success && html.Contains($"for=\"{id.Groups[1].Value}\"", StringComparison.Ordinal));
            Assert.True(labelled, $"A form control on {path} has no label: {tag}");
        }
    }

    [GeneratedRegex("<main[^>]*>.*</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();

    [GeneratedRegex("<h([1-6])[\\s>]")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex("<th(\\s[^>]*)?>")]
    private static partial Regex ThPattern();

    [GeneratedRegex("<(input|select|textarea)\\s[^>]*>")]
    private static partial Regex ControlPattern();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex IdPattern();
}
