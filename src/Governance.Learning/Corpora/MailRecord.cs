namespace Governance.Learning.Corpora;

/// <summary>One e-mail of a labelled corpus, decoded to plain text.</summary>
/// <param name="Id">Stable id, "&lt;group&gt;/&lt;file name without .txt&gt;".</param>
/// <param name="Group">Corpus group, e.g. "easy-ham-1" or "spam-2".</param>
/// <param name="IsSpam">The label.</param>
/// <param name="From">The From header, RFC 2047 words decoded ("" when absent).</param>
/// <param name="SenderDomain">Lowercased domain of the sender's address ("" when none).</param>
/// <param name="Subject">The Subject header, decoded ("" when absent).</param>
/// <param name="Date">The Date header, or null when missing or unparsable.</param>
/// <param name="Text">The body as text: text/plain parts, else text/html with tags stripped.</param>
public sealed record MailRecord(string Id, string Group, bool IsSpam, string From, string SenderDomain,
    string Subject, DateTimeOffset? Date, string Text)
{
    /// <summary>Subject and body joined by a newline: what a classifier usually reads.</summary>
    public string SubjectAndText => Subject.Length == 0 ? Text : Subject + "\n" + Text;
}
