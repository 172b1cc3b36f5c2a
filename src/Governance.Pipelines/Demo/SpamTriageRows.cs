using Governance.Learning.Corpora;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Demo;

/// <summary>SpamAssassin mails as the demo model's rows: label 1 = spam, and the two derived sensitive attributes.</summary>
public static class SpamTriageRows
{
    public const string SenderCcTld = "sender_cctld";
    public const string NonAscii = "non_ascii";

    public static LabelledRow From(MailRecord mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var tld = mail.SenderDomain.Contains('.', StringComparison.Ordinal) ? mail.SenderDomain[(mail.SenderDomain.LastIndexOf('.') + 1)..] : "";
        // A two-letter top-level domain is a country code (ISO 3166 based); "" when the sender has no domain.
        var ccTld = tld.Length == 2 && tld.All(char.IsAsciiLetter) ? "yes" : "no";
        var text = mail.SubjectAndText;
        var nonAscii = text.Any(c => c > '\u007f') ? "yes" : "no";
        return new LabelledRow(mail.Id, text, mail.IsSpam ? 1 : 0, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SenderCcTld] = ccTld,
            [NonAscii] = nonAscii,
        });
    }
}
