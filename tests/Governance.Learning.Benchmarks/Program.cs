using Governance.Learning.Benchmarks;

var command = args.Length > 0 ? args[0] : "all";
if (command is "gemm" or "all") GemmBenchmark.Run([256, 512, 1024]);
