using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;

namespace Governance.Web.Tests.Loop;

/// <summary>
/// Labelled mails a tiny model separates in seconds: ham and spam draw from different word lists. The
/// sensitive attributes cycle within each (held-out, label) group, so every group has the same spam share
/// and a good model passes the fairness gates.
/// </summary>
public static class SyntheticRows
{
    private static readonly string[] Ham = ["meeting", "agenda", "project", "report", "schedule", "review", "lunch", "team", "notes", "draft"];
    private static readonly string[] Spam = ["free", "winner", "prize", "click", "offer", "cash", "urgent", "lottery", "credit", "bonus"];
    private static readonly string[] Filler = ["the", "a", "for", "you", "please", "today", "our", "this", "with", "and"];

    public static List<LabelledRow> Create(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<LabelledRow>(count);
        var seen = new Dictionary<(bool HeldOut, bool Spam), int>();
        for (var i = 0; i < count; i++)
        {
            var spam = i % 2 == 1;
            var topic = spam ? Spam : Ham;
            var words = Enumerable.Range(0, 12)
                .Select(_ => random.NextDouble() < 0.5 ? topic[random.Next(topic.Length)] : Filler[random.Next(Filler.Length)]);
            var id = $"mail/{i:D5}";
            var key = (new LabelledRow(id, "", 0, new Dictionary<string, string>()).IsHeldOut, spam);
            var k = seen.GetValueOrDefault(key);
            seen[key] = k + 1;
            var nonAscii = k % 5 is 1 or 3;
            rows.Add(new LabelledRow(id, string.Join(' ', words) + (nonAscii ? " café" : ""), spam ? 1 : 0, new Dictionary<string, string>
            {
                [SpamTriageRows.SenderCcTld] = k % 5 < 2 ? "yes" : "no",
                [SpamTriageRows.NonAscii] = nonAscii ? "yes" : "no",
            }));
        }
        return rows;
    }
}
