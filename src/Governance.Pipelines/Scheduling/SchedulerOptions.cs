using Microsoft.Extensions.Configuration;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// What this node's scheduler does and how fast it reacts. Read from <c>Node:Roles</c>, <c>Node:Name</c>
/// and the <c>Scheduler</c> section (durations as "00:00:05" or seconds as a number).
/// </summary>
public sealed class SchedulerOptions
{
    /// <summary>Quartz instance name of the CPU scheduler (every worker runs it).</summary>
    public string InstanceName { get; set; } = "governance";
    /// <summary>Quartz instance name of the GPU scheduler (same tables; only gpu-workers run it).</summary>
    public string GpuInstanceName { get; set; } = "governance-gpu";
    /// <summary>This node runs CPU jobs ("worker" role).</summary>
    public bool RunsCpuJobs { get; set; } = true;
    /// <summary>This node runs GPU jobs ("gpu-worker" role).</summary>
    public bool RunsGpuJobs { get; set; }
    /// <summary>Recorded on runs this node executes.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
    /// <summary>Concurrent runs per scheduler on this node.</summary>
    public int MaxConcurrency { get; set; } = 2;
    public int GpuMaxConcurrency { get; set; } = 1;
    /// <summary>Quartz clustering (PostgreSQL). SQLite is embedded and single-node, so never clustered.</summary>
    public bool Clustered { get; set; } = true;
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
    /// <summary>How late a node's check-in may be before others recover its runs (Quartz's default when null).</summary>
    public TimeSpan? ClusterCheckinMisfireThreshold { get; set; }
    /// <summary>Connection string for Quartz's tables when they live elsewhere or need another account (e.g. one allowed to create tables); null: the governance database.</summary>
    public string? QuartzConnectionString { get; set; }
    /// <summary>How long an idle scheduler waits before looking for triggers other nodes added.</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);
    public string TablePrefix { get; set; } = "qrtz_";
    /// <summary>How often a running job looks at its run's cancel request.</summary>
    public TimeSpan CancelPollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Progress reports closer together than this are kept in memory, not written.</summary>
    public TimeSpan ProgressWriteInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int DefaultMaxAttempts { get; set; } = 3;
    /// <summary>Delay before the 2nd attempt; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long a GPU run waits for a GPU worker before the CPU fallback (when its parameters allow it).</summary>
    public TimeSpan GpuWaitBeforeFallback { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How often workers look for GPU runs to fall back and Queued runs without a Quartz trigger.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>A Queued run older than this without a Quartz trigger (its node died between the two writes) is re-dispatched.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often a worker cluster expires approval requests and completes interrupted approval steps.</summary>
    public TimeSpan ExpireApprovalsInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often a worker cluster sends due webhook calls.</summary>
    public TimeSpan DeliverWebhooksInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long an executor keeps retrying to write a run's outcome while the database is away (then the watcher takes over).</summary>
    public TimeSpan OutcomeWriteTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Quartz's wait before retrying its own store after a database failure (Quartz's default 15 s).</summary>
    public TimeSpan DbRetryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Reads the options; unknown roles or bad values are start-up errors naming the key.</summary>
    public static SchedulerOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SchedulerOptions();
        var roles = configuration["Node:Roles"];
        if (!string.IsNullOrWhiteSpace(roles))
        {
            var list = roles.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => r.ToLowerInvariant()).ToList();
            var unknown = list.Where(r => r is not ("web" or "worker" or "gpu-worker")).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"Node:Roles '{roles}' is not valid: use any of web, worker, gpu-worker (unknown: {string.Join(", ", unknown)}).", nameof(configuration));
            }
            options.RunsCpuJobs = list.Contains("worker");
            options.RunsGpuJobs = list.Contains("gpu-worker");
        }
        if (configuration["Node:Name"] is { Length: > 0 } name)
        {
            options.NodeName = name;
        }
        var s = configuration.GetSection("Scheduler");
        options.InstanceName = s[nameof(InstanceName)] ?? options.InstanceName;
        options.GpuInstanceName = s[nameof(GpuInstanceName)] ?? options.GpuInstanceName;
        options.TablePrefix = s[nameof(TablePrefix)] ?? options.TablePrefix;
        options.MaxConcurrency = Int(s, nameof(MaxConcurrency), options.MaxConcurrency);
        options.GpuMaxConcurrency = Int(s, nameof(GpuMaxConcurrency), options.GpuMaxConcurrency);
        options.DefaultMaxAttempts = Int(s, nameof(DefaultMaxAttempts), options.DefaultMaxAttempts);
        if (s[nameof(Clustered)] is { Length: > 0 } clustered)
        {
            options.Clustered = bool.TryParse(clustered, out var c) ? c
                : throw new ArgumentException($"Scheduler:Clustered '{clustered}' is not true or false.", nameof(configuration));
        }
        options.ClusterCheckinInterval = Duration(s, nameof(ClusterCheckinInterval), options.ClusterCheckinInterval);
        if (s[nameof(ClusterCheckinMisfireThreshold)] is { Length: > 0 })
        {
            options.ClusterCheckinMisfireThreshold = Duration(s, nameof(ClusterCheckinMisfireThreshold), TimeSpan.FromSeconds(7.5));
        }
        options.QuartzConnectionString = configuration.GetConnectionString("Quartz") is { Length: > 0 } quartz ? quartz : null;
        options.IdleWaitTime = Duration(s, nameof(IdleWaitTime), options.IdleWaitTime);
        options.CancelPollInterval = Duration(s, nameof(CancelPollInterval), options.CancelPollInterval);
        options.ProgressWriteInterval = Duration(s, nameof(ProgressWriteInterval), options.ProgressWriteInterval);
        options.RetryBaseDelay = Duration(s, nameof(RetryBaseDelay), options.RetryBaseDelay);
        options.RetryMaxDelay = Duration(s, nameof(RetryMaxDelay), options.RetryMaxDelay);
        options.GpuWaitBeforeFallback = Duration(s, nameof(GpuWaitBeforeFallback), options.GpuWaitBeforeFallback);
        options.WatchInterval = Duration(s, nameof(WatchInterval), options.WatchInterval);
        options.OrphanAfter = Duration(s, nameof(OrphanAfter), options.OrphanAfter);
        options.ExpireApprovalsInterval = Duration(s, nameof(ExpireApprovalsInterval), options.ExpireApprovalsInterval);
        options.DeliverWebhooksInterval = Duration(s, nameof(DeliverWebhooksInterval), options.DeliverWebhooksInterval);
        options.OutcomeWriteTimeout = Duration(s, nameof(OutcomeWriteTimeout), options.OutcomeWriteTimeout);
        options.DbRetryInterval = Duration(s, nameof(DbRetryInterval), options.DbRetryInterval);
        return options;
    }

    private static int Int(IConfigurationSection s, string key, int fallback)
    {
        var text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1
            ? v
            : throw new ArgumentException($"Scheduler:{key} '{text}' must be a whole number of at least 1.", nameof(s));
    }

    private static TimeSpan Duration(IConfigurationSection s, string key, TimeSpan fallback)
    {
        var text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new ArgumentException($"Scheduler:{key} '{text}' is not a positive duration (seconds or hh:mm:ss).", nameof(s));
    }
}
