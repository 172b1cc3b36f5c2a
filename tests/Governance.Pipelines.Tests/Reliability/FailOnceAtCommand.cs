using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Governance.Pipelines.Tests.Reliability;

/// <summary>The failure a lost connection causes, thrown by <see cref="FailOnceAtCommand"/>.</summary>
public sealed class SimulatedConnectionLoss(string message) : DbException(message);

/// <summary>
/// Once armed, fails the first command matching the predicate (before it reaches the database) with a
/// <see cref="SimulatedConnectionLoss"/>: the process "crashes" between two transactions of one step.
/// </summary>
public sealed class FailOnceAtCommand : DbCommandInterceptor
{
    private Func<DbCommand, bool>? _when;

    public int Failures { get; private set; }

    public void Arm(Func<DbCommand, bool> when) => _when = when;

    /// <summary>An UPDATE of model_versions that moves a version to <paramref name="stage"/>.</summary>
    public static Func<DbCommand, bool> StageChangeTo(string stage) => c =>
        c.CommandText.Contains("UPDATE", StringComparison.Ordinal) && c.CommandText.Contains("model_versions", StringComparison.Ordinal)
        && c.Parameters.Cast<DbParameter>().Any(p => p.Value is string s && s == stage);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        if (_when is { } when && when(command))
        {
            _when = null;
            Failures++;
            throw new SimulatedConnectionLoss($"connection lost before: {command.CommandText[..Math.Min(60, command.CommandText.Length)]}");
        }
    }
}
