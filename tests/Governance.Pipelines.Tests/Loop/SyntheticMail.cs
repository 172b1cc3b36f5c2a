using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Tests.Loop;

/// <summary>
/// Small synthetic spam/ham rows a tiny model learns in seconds. The sensitive attributes are drawn
/// independently of the label, so a good model is fair on them; "shifted" rows use other words.
/// </summary>
public static class SyntheticMail
{
    private static readonly string[] Ham = ["meeting", "agenda", "project", "report", "schedule", "review", "lunch", "team", "notes", "draft", "budget", "quarter"];
    private static readonly string[] Spam = ["free", "winner", "prize", "click", "offer", "cash", "urgent", "viagra", "lottery", "credit", "cheap", "bonus"];
    private static readonly string[] Shared = ["the", "a", "for", "you", "please", "today", "our", "this", "with", "and"];
    private static readonly string[] OtherTopic = ["kernel", "compiler", "patch", "module", "thread", "socket", "buffer", "driver", "packet", "linker", "mutex", "cache"];

    public static List<LabelledRow> Rows(int count, int seed, string prefix, bool shifted = false)
    {
        var random = new Random(seed);
        var rows = new List<LabelledRow>(count);
        var counters = new Dictionary<(bool, bool), int>();
        for (var i = 0; i < count; i++)
        {
            var spam = i % 2 == 1;
            var topic = shifted ? OtherTopic : spam ? Spam : Ham;
            var words = new List<string>();
            for (var w = 0; w < 12; w++)
            {
                words.Add(random.NextDouble() < 0.5 ? topic[random.Next(topic.Length)] : Shared[random.Next(Shared.Length)]);
            }
            if (shifted && spam)
            {
                words.Add(Spam[random.Next(Spam.Length)]);
            }
            var id = $"{prefix}/{i:D5}";
            // Attributes cycle per (split, label), so each group holds the same share of spam in the held-out rows too:
            // a good model is then fair on them, whatever the sample.
            var key = (new LabelledRow(id, "", 0, new Dictionary<string, string>()).IsHeldOut, spam);
            var k = counters.TryGetValue(key, out var c) ? c : 0;
            counters[key] = k + 1;
            var ccTld = k % 5 < 2;
            var nonAscii = k % 5 is 1 or 3;
            var text = string.Join(' ', words) + (nonAscii ? " café" : "");
            rows.Add(new LabelledRow(id, text, spam ? 1 : 0, new Dictionary<string, string>
            {
                [SpamTriageRows.SenderCcTld] = ccTld ? "yes" : "no",
                [SpamTriageRows.NonAscii] = nonAscii ? "yes" : "no",
            }));
        }
        return rows;
    }

    /// <summary>A tiny training spec: finishes in a few seconds.</summary>
    public static TrainingSpec TinySpec { get; } = new()
    {
        VocabSize = 150,
        MaxLength = 24,
        HiddenSize = 32,
        Layers = 1,
        Heads = 2,
        IntermediateSize = 64,
        Epochs = 3,
        BatchSize = 16,
        LearningRate = 2e-3f,
        CheckpointEverySteps = 10,
    };
}
