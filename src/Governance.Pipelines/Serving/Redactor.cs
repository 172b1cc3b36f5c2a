using System.Text.RegularExpressions;

namespace Governance.Pipelines.Serving;

/// <summary>
/// Replaces personal data in free text with placeholders before it is stored: e-mail addresses
/// ("[email]"), IBANs ("[iban]"), card-like numbers of 13-19 digits ("[card]"), IPv4 addresses
/// ("[ip]") and phone numbers of 7-15 digits ("[phone]"). It errs towards redacting: any long digit
/// group that looks like a phone number is replaced, except ISO dates (2026-11-21). Names and postal
/// addresses are not detected; a model whose texts carry them should not keep raw text at all.
/// </summary>
public static partial class Redactor
{
    /// <summary>The text with every match replaced by its placeholder.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Order matters: an e-mail may hold digits, an IBAN digits and letters, a card number looks like a phone number.
        var s = Email().Replace(text, "[email]");
        s = Iban().Replace(s, "[iban]");
        s = Card().Replace(s, "[card]");
        s = Ipv4().Replace(s, "[ip]");
        s = Phone().Replace(s, m => IsPhone(m.Value) ? "[phone]" : m.Value);
        return s;
    }

    private static bool IsPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && !IsoDate().IsMatch(candidate);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    // Country code, check digits, then 11-30 letters/digits in optional groups of four (ISO 13616).
    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?<![\d])(?:\d[ \-]?){12,18}\d(?![\d])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Card();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Ipv4();

    // A plus or digit, then digits with single spaces, dots, dashes or parentheses between them.
    [GeneratedRegex(@"(?<![\w+])(?:\+|\(\d)?\d(?:[ .\-]?\(?\d\)?){5,18}(?!\w)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IsoDate();
}
