using System.Globalization;
using System.Text;

namespace Governance.Pipelines.Serving;

/// <summary>
/// What the prediction log keeps of every input for the drift check, whatever the raw-text policy:
/// the redacted text's tokens (maximal runs of letters or digits, lowercased, as the text drift test
/// reads them), each replaced by 12 hex digits of its 64-bit FNV-1a hash, space separated. The drift
/// check compares such documents with the reference texts mapped the same way, so token frequencies,
/// unseen-token rate, length and the domain classifier see the same distributions as on raw text
/// (two tokens share 48 hash bits with negligible probability), while the log holds no readable text.
/// Frequent words stay guessable from their hashes; personal data is redacted before hashing.
/// </summary>
public static class DriftFeatures
{
    /// <summary>Tokens kept per input; longer inputs are cut (the model itself reads fewer).</summary>
    public const int MaxTokens = 512;

    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The feature document of an already redacted text, with its token count and whether it has non-ASCII characters.</summary>
    public static (string Document, int TokenCount, bool NonAscii) Of(string redactedText)
    {
        ArgumentNullException.ThrowIfNull(redactedText);
        var sb = new StringBuilder(Math.Min(redactedText.Length, MaxTokens * 13));
        var count = 0;
        var nonAscii = false;
        var h = OffsetBasis;
        var inToken = false;
        foreach (var raw in redactedText)
        {
            nonAscii |= raw > '\u007f';
            if (char.IsLetterOrDigit(raw))
            {
                h = (h ^ char.ToLowerInvariant(raw)) * Prime;
                inToken = true;
            }
            else if (inToken)
            {
                if (count < MaxTokens)
                {
                    Append(sb, h, ref count);
                }
                h = OffsetBasis;
                inToken = false;
            }
        }
        if (inToken && count < MaxTokens)
        {
            Append(sb, h, ref count);
        }
        return (sb.ToString(), count, nonAscii);
    }

    /// <summary>The feature document of a raw reference text: redacted first, like the logged inputs.</summary>
    public static string DocumentOfRaw(string text) => Of(Redactor.Redact(text)).Document;

    private static void Append(StringBuilder sb, ulong hash, ref int count)
    {
        if (count > 0)
        {
            sb.Append(' ');
        }
        sb.Append((hash >> 16).ToString("x12", CultureInfo.InvariantCulture));
        count++;
    }
}
