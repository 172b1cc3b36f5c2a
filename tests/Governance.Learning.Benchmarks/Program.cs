using Governance.Learning.Benchmarks;

// Usage: dotnet run -c Release -- [gemm|train|all] [steps] [threads]
//        dotnet run -c Release -- spam [epochs]   (full SpamAssassin fine-tune, ~13 min; not part of "all")
var command = args.Length > 0 ? args[0] : "all";
var steps = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var threads = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount;
if (command is "gemm" or "all") GemmBenchmark.Run([256, 512, 1024]);
if (command is "train" or "all")
{
    Console.WriteLine();
    Console.WriteLine("| engine | threads | tokens/s | ms/step (median) | CPU ms/step | peak working set MiB | phases |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    TrainingStepBenchmark.Run(steps, threads);
}
if (command is "spam")
{
    SpamAssassinFineTune.Run(null, args.Length > 1 ? steps : 3);
}
