using System.Globalization;

namespace Governance.Web.Hosting;

/// <summary>
/// How long the host waits for hosted services (the worker's current job step, in-flight requests) to
/// stop after SIGTERM before it gives up: <c>Node:ShutdownTimeoutSeconds</c> (default 30). Container
/// platforms kill the process after their own grace period (Kubernetes
/// <c>terminationGracePeriodSeconds</c>, compose <c>stop_grace_period</c>); keep this below it.
/// </summary>
internal static class GracefulShutdown
{
    public const string Key = "Node:ShutdownTimeoutSeconds";
    public const int DefaultSeconds = 30;

    public static TimeSpan Timeout(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(DefaultSeconds);
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
        {
            throw new ArgumentException($"{Key} '{text}' is not valid: use a whole number of seconds from 1 to 3600.", nameof(configuration));
        }
        return TimeSpan.FromSeconds(seconds);
    }

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var timeout = Timeout(configuration);
        return services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
    }
}
