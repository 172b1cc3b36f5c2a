using System.Collections.Concurrent;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>What the test handlers saw: each execution (run id, attempt, node) and a signal when a run starts.</summary>
public sealed class HandlerProbe
{
    public ConcurrentQueue<(Guid RunId, int Attempt)> Executions { get; } = new();
    private readonly ConcurrentDictionary<(Guid, int), TaskCompletionSource> _started = new();

    public TaskCompletionSource Started(Guid runId, int attempt) =>
        _started.GetOrAdd((runId, attempt), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>
/// A handler whose behaviour comes from the run's "mode" parameter: succeed (reports progress and
/// logs), transient (throws a TimeoutException), fatal (InvalidOperationException), loop (steps until
/// cancelled), block (waits until cancelled, ignoring nothing else).
/// </summary>
public sealed class ScriptedHandler(JobKind kind, HandlerProbe probe) : IJobHandler
{
    public JobKind Kind { get; } = kind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        probe.Executions.Enqueue((context.RunId, context.Attempt));
        probe.Started(context.RunId, context.Attempt).TrySetResult();
        var mode = context.Parameters.TryGetValue("mode", out var m) ? m : "succeed";
        switch (mode)
        {
            case "succeed":
                await context.Progress.LogAsync("loading data", cancellationToken);
                await context.Progress.ReportAsync(0.5, "step 1/2", cancellationToken);
                await context.Progress.LogAsync("training", cancellationToken);
                await context.Progress.ReportAsync(1.0, "step 2/2", cancellationToken);
                break;
            case "transient":
                throw new TimeoutException($"database timed out on attempt {context.Attempt}");
            case "fatal":
                throw new InvalidOperationException("the training config is invalid");
            case "loop":
                for (var step = 1; ; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await context.Progress.ReportAsync(Math.Min(0.99, step / 1000.0), $"step {step}", CancellationToken.None);
                    await Task.Delay(20, CancellationToken.None);
                }
            case "block-first":
                if (context.Attempt == 1)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                await context.Progress.LogAsync($"done on attempt {context.Attempt}", cancellationToken);
                break;
            case "block":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            default:
                throw new ArgumentException($"unknown mode {mode}", nameof(context));
        }
    }
}
