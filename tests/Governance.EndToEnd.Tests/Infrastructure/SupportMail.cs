using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Labelled support mails that a tiny model separates within a few epochs: requests and spam draw their
/// content words from different lists. The sensitive attributes cycle within each (held-out, label) group,
/// so every group holds the same share of spam and a good model passes the fairness gates.
/// </summary>
internal static class SupportMail
{
    private static readonly string[] Request = ["invoice", "password", "account", "refund", "delivery", "order", "meeting", "report", "login", "contract", "ticket", "upgrade"];
    private static readonly string[] Spam = ["free", "winner", "prize", "click", "offer", "cash", "urgent", "lottery", "credit", "bonus", "cheap", "casino"];
    private static readonly string[] Filler = ["the", "a", "for", "you", "please", "today", "our", "this", "with", "and"];

    /// <summary><paramref name="count"/> rows, alternately request (0) and spam (1), ids "<paramref name="prefix"/>/00000".</summary>
    public static List<LabelledRow> Rows(int count, int seed, string prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random(seed);
        var rows = new List<LabelledRow>(count);
        var seen = new Dictionary<(bool HeldOut, bool Spam), int>();
        for (var i = 0; i < count; i++)
        {
            var spam = i % 2 == 1;
            var topic = spam ? Spam : Request;
            var words = Enumerable.Range(0, 12)
                .Select(_ => random.NextDouble() < 0.5 ? topic[random.Next(topic.Length)] : Filler[random.Next(Filler.Length)]);
            var id = $"{prefix}/{i:D5}";
            var key = (new LabelledRow(id, "", 0, new Dictionary<string, string>()).IsHeldOut, spam);
            var k = seen.GetValueOrDefault(key);
            seen[key] = k + 1;
            var nonAscii = k % 5 is 1 or 3;
            rows.Add(new LabelledRow(id, string.Join(' ', words) + (nonAscii ? " merci beaucoup, équipe" : ""), spam ? 1 : 0, new Dictionary<string, string>
            {
                [SpamTriageRows.SenderCcTld] = k % 5 < 2 ? "yes" : "no",
                [SpamTriageRows.NonAscii] = nonAscii ? "yes" : "no",
            }));
        }
        return rows;
    }
}
