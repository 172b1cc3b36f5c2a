using System.Text.Json;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// The one Quartz job that executes runs: claims the run (Running, node, attempt + 1), resolves the
/// <see cref="IJobHandler"/> of its kind, runs it with a token that fires on a cancel request (polled)
/// or on host stop, and records Succeeded, Failed, Cancelled or a retry with backoff.
/// </summary>
internal sealed class JobRunQuartzJob(
    IServiceProvider services,
    IServiceScopeFactory scopes,
    JobRunRecorder recorder,
    JobDispatcher dispatcher,
    SchedulerOptions options,
    TimeProvider time,
    ILogger<JobRunQuartzJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = Guid.Parse((string)context.MergedJobDataMap[JobDispatcher.RunIdKey]!);
        var onGpu = context.Scheduler.SchedulerName == options.GpuInstanceName;
        var run = await recorder.StartAsync(runId, options.NodeName, context.Recovering, onGpu, cancellationToken);
        if (run is null)
        {
            log.LogInformation("Run {RunId} has nothing left to do (final, cancelled or gone).", runId);
            return;
        }
        var attempt = run.Attempts;
        if (!Enum.TryParse<JobKind>(run.Kind, out var kind))
        {
            await recorder.FinishAsync(runId, attempt, (r, now) => r.Fail($"Unknown job kind '{run.Kind}'.", now), JobAuditActions.RunFailed, CancellationToken.None);
            return;
        }
        var handler = services.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == kind);
        if (handler is null)
        {
            await recorder.FinishAsync(runId, attempt, (r, now) => r.Fail($"No handler is registered for job kind {kind}.", now), JobAuditActions.RunFailed, CancellationToken.None);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var progress = await JobProgressWriter.CreateAsync(scopes, runId, attempt, options.ProgressWriteInterval, time, cancellationToken);
        var watch = WatchAsync(runId, attempt, stop);
        var jobContext = new JobContext(runId, kind, run.ModelName, Actor.Job(kind.ToString().ToLowerInvariant()), run.Initiator, attempt,
            ParseParameters(run.Parameters), progress);
        try
        {
            await handler.RunAsync(jobContext, stop.Token);
            await DurablyAsync(() => progress.FlushAsync(CancellationToken.None), cancellationToken);
            await DurablyAsync(() => recorder.FinishAsync(runId, attempt, (r, now) => r.Succeed(now), JobAuditActions.RunSucceeded, CancellationToken.None), cancellationToken);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DurablyAsync(() => progress.FlushAsync(CancellationToken.None), cancellationToken);
            // Cancel requested (or the run was taken over by another node: then the fence makes this a no-op).
            await DurablyAsync(() => recorder.FinishAsync(runId, attempt, (r, now) => r.Cancel(now), JobAuditActions.RunCancelled, CancellationToken.None), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: hand the run back; Quartz stores a recovery firing (RecoverFiringsCancelledByShutdown).
            await recorder.FinishAsync(runId, attempt, (r, now) => r.Requeue($"node {options.NodeName} stopped during attempt {attempt}; waiting for a worker", now), null, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex) && attempt < run.MaxAttempts)
        {
            var retryAt = time.GetUtcNow() + TransientFailures.Backoff(attempt + 1, options.RetryBaseDelay, options.RetryMaxDelay);
            log.LogWarning(ex, "Run {RunId} attempt {Attempt} failed transiently; retrying at {RetryAt}.", runId, attempt, retryAt);
            // The failure may be the database itself: these writes wait for it to come back (DurablyAsync).
            await DurablyAsync(() => progress.LogAsync($"attempt {attempt} failed: {ex.Message}", CancellationToken.None), cancellationToken);
            retryAt = Later(retryAt, time.GetUtcNow() + options.RetryBaseDelay);
            var queued = await DurablyAsync(() => recorder.FinishAsync(runId, attempt, (r, now) => r.ScheduleRetry(Describe(ex), retryAt, now), null, CancellationToken.None), cancellationToken);
            if (queued is not null)
            {
                await DurablyAsync(async () => { await dispatcher.DispatchAsync(queued, retryAt, CancellationToken.None); return true; }, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Run {RunId} failed on attempt {Attempt}.", runId, attempt);
            await DurablyAsync(() => progress.LogAsync($"attempt {attempt} failed: {ex.Message}", CancellationToken.None), cancellationToken);
            await DurablyAsync(() => recorder.FinishAsync(runId, attempt, (r, now) => r.Fail(Describe(ex), now), JobAuditActions.RunFailed, CancellationToken.None), cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }
    }

    /// <summary>
    /// Writes an outcome even through a database outage: a transient failure (the database away) is
    /// retried with backoff (0.5 s doubling to 15 s) for up to <see cref="SchedulerOptions.OutcomeWriteTimeout"/>
    /// or until the host stops. If it never lands, the run stays Running without a Quartz job and the
    /// watcher queues it again (<see cref="RunWatcher"/>), so the run is retried either way.
    /// </summary>
    private async Task<T> DurablyAsync<T>(Func<Task<T>> write, CancellationToken hostStopping)
    {
        var deadline = time.GetUtcNow() + options.OutcomeWriteTimeout;
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                return await write();
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex) && time.GetUtcNow() + delay < deadline && !hostStopping.IsCancellationRequested)
            {
                log.LogWarning("Writing a run's outcome failed ({Error}); trying again in {Delay}.", ex.Message, delay);
                await Task.Delay(delay, time, hostStopping);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
    }

    private Task DurablyAsync(Func<Task> write, CancellationToken hostStopping) =>
        DurablyAsync(async () => { await write(); return true; }, hostStopping);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // Polls the run's row: a cancel request, or another node having taken over, stops the handler.
    private async Task WatchAsync(Guid runId, int attempt, CancellationTokenSource stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var poller = scope.ServiceProvider.GetRequiredService<JobRunRecorder>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CancelPollInterval, time, stop.Token);
                var (cancel, lost) = await poller.PollAsync(runId, attempt, stop.Token);
                if (cancel || lost)
                {
                    await stop.CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // a failed poll (database briefly away) must not end the run; the next poll tries again
            catch (Exception ex)
#pragma warning restore CA1031
            {
                log.LogWarning(ex, "Polling run {RunId} for cancellation failed.", runId);
            }
        }
    }

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";

    internal static IReadOnlyDictionary<string, string> ParseParameters(string json)
    {
        var parsed = JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return parsed ?? new Dictionary<string, string>();
    }
}
