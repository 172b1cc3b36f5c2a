using System.Diagnostics;
using Governance.Learning.Autograd;
using Governance.Learning.Backends;
using Governance.Learning.Nn;
using Governance.Learning.Optim;
using Governance.Learning.Tensors;
using Governance.Learning.Training;

namespace Governance.Learning.Benchmarks;

/// <summary>
/// Full training steps (forward, backward, clip, AdamW) of the reference encoder from DESIGN.md:
/// 4 layers, d=256, 4 heads, ff=1024, vocab 8192, seq 128, batch 32, 2 labels, dropout 0.1.
/// </summary>
internal static class TrainingStepBenchmark
{
    public static void Run(int steps, int threads)
    {
        Backend.SetCpuThreads(threads);
        var config = new EncoderConfig { VocabSize = 8192, HiddenSize = 256, NumLayers = 4, NumHeads = 4, IntermediateSize = 1024, MaxPositions = 128, NumLabels = 2 };
        const int batch = 32, seq = 128;
        var model = new SequenceClassifier(config, seed: 1);
        var optimizer = new AdamW(model.Parameters(), 1e-4f);
        var random = new RandomSource(2);
        var examples = Enumerable.Range(0, batch).Select(i => new TokenizedExample(
            Enumerable.Range(0, seq).Select(_ => 1 + random.NextInt(config.VocabSize - 1)).ToArray(), Enumerable.Repeat(1, seq).ToArray(), i % 2)).ToList();
        var data = BatchCollator.Collate(examples, 0, seq);
        var labels = examples.Select(e => e.Label).ToArray();
        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        var cpuStart = TimeSpan.Zero;
        var phases = new double[3];
        for (var s = 0; s < steps + 2; s++)
        {
            if (s == 2)
            {
                process.Refresh();
                cpuStart = process.TotalProcessorTime;
            }
            var sw = Stopwatch.StartNew();
            using (var scope = new TensorScope())
            {
                var loss = Ops.CrossEntropy(model.Forward(data, training: true, random), labels);
                phases[0] += s >= 2 ? sw.Elapsed.TotalSeconds : 0;
                var t1 = sw.Elapsed.TotalSeconds;
                Tape.Backward(loss);
                phases[1] += s >= 2 ? sw.Elapsed.TotalSeconds - t1 : 0;
            }
            var t2 = sw.Elapsed.TotalSeconds;
            optimizer.ClipGradNorm(1f);
            optimizer.Update();
            optimizer.ZeroGrad();
            phases[2] += s >= 2 ? sw.Elapsed.TotalSeconds - t2 : 0;
            if (s >= 2) times.Add(sw.Elapsed.TotalSeconds);
        }
        process.Refresh();
        var cpuPerStep = (process.TotalProcessorTime - cpuStart).TotalSeconds / steps;
        var median = times.Order().ElementAt(times.Count / 2);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine($"| C# engine ({Backend.Cpu.Name}) | {threads} | {batch * seq / median:F0} | {median * 1000:F0} | {cpuPerStep * 1000:F0} | {peak:F0} | fwd {phases[0] / steps * 1000:F0} ms, bwd {phases[1] / steps * 1000:F0} ms, opt {phases[2] / steps * 1000:F0} ms |");
    }
}
