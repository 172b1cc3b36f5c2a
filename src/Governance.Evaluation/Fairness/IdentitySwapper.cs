using System.Text;
using System.Text.RegularExpressions;

namespace Governance.Evaluation.Fairness;

/// <summary>
/// Rewrites a text with identity terms swapped in one left-to-right pass (so a swapped word is never
/// swapped back). Phrases and pronouns match case-insensitively as whole words; first names match
/// only capitalised words. Names found in both the female and male lists are ambiguous and never swapped.
/// </summary>
public sealed class IdentitySwapper
{
    // Female "her" is possessive or object: before a word it becomes "his", otherwise "him".
    private static readonly (string Male, string Female)[] Pronouns =
        [("he", "she"), ("him", "her"), ("his", "her"), ("himself", "herself"), ("his", "hers")];

    private readonly Dictionary<string, string> _terms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Regex _pattern;

    /// <summary>Builds the swap rules from options (reads the name files when given).</summary>
    /// <exception cref="FileNotFoundException">A name file does not exist.</exception>
    public IdentitySwapper(CounterfactualOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SwapPronouns)
        {
            foreach (var (male, female) in Pronouns)
            {
                _terms.TryAdd(male, female);
                _terms.TryAdd(female, male);
            }
            RuleCounts["pronouns"] = _terms.Count;
        }
        int before = _terms.Count;
        foreach (var pair in options.TermPairs ?? [])
        {
            if (string.IsNullOrWhiteSpace(pair.First) || string.IsNullOrWhiteSpace(pair.Second))
                throw new ArgumentException("Term pairs need two non-empty terms.", nameof(options));
            _terms[pair.First.Trim()] = pair.Second.Trim();
            _terms[pair.Second.Trim()] = pair.First.Trim();
        }
        if (options.TermPairs is { Count: > 0 }) RuleCounts["term pairs"] = _terms.Count - before;
        if (options.FemaleNamesPath is not null || options.MaleNamesPath is not null)
        {
            if (options.FemaleNamesPath is null || options.MaleNamesPath is null)
                throw new ArgumentException("Name swaps need both a female and a male name list.", nameof(options));
            LoadNames(options.FemaleNamesPath, options.MaleNamesPath);
            RuleCounts["first names"] = _names.Count;
        }
        string phrases = string.Join('|', _terms.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        string phrasePart = phrases.Length > 0 ? $@"(?<term>\b(?:{phrases})\b)" : "(?!)";
        _pattern = new Regex($@"{phrasePart}|(?<name>\b\p{{Lu}}\p{{Ll}}+\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }

    /// <summary>Number of directed swap rules by source.</summary>
    public Dictionary<string, int> RuleCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The counterfactual text and the swaps made (empty when nothing matched).</summary>
    public (string Text, IReadOnlyList<string> Swaps) Swap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var swaps = new List<string>();
        string result = _pattern.Replace(text, m =>
        {
            if (m.Groups["term"].Success)
            {
                string replacement = _terms[m.Value];
                if (m.Value.Equals("her", StringComparison.OrdinalIgnoreCase)) replacement = FollowedByWord(text, m.Index + m.Length) ? "his" : "him";
                replacement = MatchCase(m.Value, replacement);
                swaps.Add($"{m.Value} -> {replacement}");
                return replacement;
            }
            // IgnoreCase makes \p{Lu}\p{Ll}+ match any word, so re-check capitalisation here.
            if (!char.IsUpper(m.Value[0]) || !_names.TryGetValue(m.Value, out string? other)) return m.Value;
            swaps.Add($"{m.Value} -> {other}");
            return other;
        });
        return (result, swaps);
    }

    private void LoadNames(string femalePath, string malePath)
    {
        var female = ReadNames(femalePath);
        var male = ReadNames(malePath);
        var ambiguous = new HashSet<string>(female, StringComparer.Ordinal);
        ambiguous.IntersectWith(male);
        var femaleOnly = female.Where(n => !ambiguous.Contains(n)).ToList();
        var maleOnly = male.Where(n => !ambiguous.Contains(n)).ToList();
        if (femaleOnly.Count == 0 || maleOnly.Count == 0) throw new ArgumentException("Name lists leave no unambiguous names to swap.");
        // Deterministic pairing by position in the (sorted) lists.
        for (int i = 0; i < femaleOnly.Count; i++) _names[femaleOnly[i]] = maleOnly[i % maleOnly.Count];
        for (int i = 0; i < maleOnly.Count; i++) _names[maleOnly[i]] = femaleOnly[i % femaleOnly.Count];
    }

    private static List<string> ReadNames(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Name list not found: {path}", path);
        return File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 1)
            .Select(l => char.ToUpperInvariant(l[0]) + l[1..].ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static bool FollowedByWord(string text, int position)
    {
        int i = position;
        while (i < text.Length && text[i] == ' ') i++;
        return i > position && i < text.Length && char.IsLetter(text[i]);
    }

    private static string MatchCase(string original, string replacement)
    {
        if (original.All(c => !char.IsLetter(c) || char.IsUpper(c)) && original.Length > 1) return replacement.ToUpperInvariant();
        if (char.IsUpper(original[0])) return new StringBuilder(replacement).Replace(replacement[0], char.ToUpperInvariant(replacement[0]), 0, 1).ToString();
        return replacement;
    }
}
