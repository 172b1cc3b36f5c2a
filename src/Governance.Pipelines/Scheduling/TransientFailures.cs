using System.Data.Common;

namespace Governance.Pipelines.Scheduling;

/// <summary>A failure worth retrying (a handler throws it to ask for a retry with backoff).</summary>
public sealed class TransientJobException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Which failures are retried with backoff; every other exception fails the run at once.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TransientJobException or DbException or TimeoutException or IOException)
            {
                return true;
            }
            if (e is Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: DbException })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2, 3, ...): base * 2^(n-2), capped.</summary>
    public static TimeSpan Backoff(int nextAttempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(nextAttempt - 2, 0, 30);
        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
