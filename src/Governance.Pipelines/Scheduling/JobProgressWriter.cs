using Governance.Data;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Persists a run's progress and log lines through its own DbContext (not the handler's). Progress
/// reports closer together than <see cref="SchedulerOptions.ProgressWriteInterval"/> are held and the
/// latest is written later (or on flush); log lines are written at once. Writes are fenced by the
/// attempt: a node that lost the run (recovered elsewhere) no longer changes it.
/// </summary>
internal sealed class JobProgressWriter : IJobProgress, IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly GovernanceDbContext _db;
    private readonly Guid _runId;
    private readonly int _attempt;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _sequence;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private (double Fraction, string Status)? _pending;

    private JobProgressWriter(AsyncServiceScope scope, Guid runId, int attempt, TimeSpan interval, TimeProvider time, int sequence)
    {
        _scope = scope;
        _db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        _runId = runId;
        _attempt = attempt;
        _interval = interval;
        _time = time;
        _sequence = sequence;
    }

    public static async Task<JobProgressWriter> CreateAsync(IServiceScopeFactory scopes, Guid runId, int attempt, TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var last = await db.JobRunLogs.Where(l => l.RunId == runId).MaxAsync(l => (int?)l.Sequence, ct) ?? 0;
        return new JobProgressWriter(scope, runId, attempt, interval, time, last);
    }

    public async Task ReportAsync(double fraction, string status, CancellationToken cancellationToken)
    {
        if (double.IsNaN(fraction) || fraction < 0 || fraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Progress is a fraction in [0, 1].");
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _pending = (fraction, status ?? "");
            var now = _time.GetUtcNow();
            if (now - _lastWrite >= _interval || fraction >= 1)
            {
                await WritePendingAsync(now, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task LogAsync(string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _sequence++;
            _db.JobRunLogs.Add(new JobRunLog(_runId, _sequence, _time.GetUtcNow(), _attempt, message));
            try
            {
                await _db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                // A failed line is dropped (not re-sent by the next save); its number stays unused, so a
                // line that did commit before the connection broke is never written twice.
                _db.ChangeTracker.Clear();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes a held progress report, if any.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await WritePendingAsync(_time.GetUtcNow(), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WritePendingAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (_pending is not { } p)
        {
            return;
        }
        var status = p.Status.Length > JobRun.MaxStatusLineLength ? p.Status[..JobRun.MaxStatusLineLength] : p.Status;
        await _db.JobRuns
            .Where(r => r.Id == _runId && r.Attempts == _attempt && r.Status == JobRunStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Progress, p.Fraction)
                .SetProperty(r => r.StatusLine, status)
                .SetProperty(r => r.UpdatedAt, now), ct);
        _pending = null;
        _lastWrite = now;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _gate.Dispose();
    }
}
