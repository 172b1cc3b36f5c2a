namespace Governance.Web.Hosting;

/// <summary>
/// What this node does, from configuration <c>Node:Roles</c> (any of "web", "worker", "gpu-worker"; default
/// "web,worker"). Web nodes serve the portal and API; workers run scheduled jobs; gpu-workers run the
/// GPU scheduler's training jobs (the scheduler reads the same key, see Governance.Pipelines).
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    public bool IsWeb { get; init; } = true;
    public bool IsWorker { get; init; } = true;
    public bool IsGpuWorker { get; init; }

    /// <summary>Parses "web,worker"; an unknown role is a start-up error, not a silent no-op.</summary>
    public static NodeOptions From(IConfiguration configuration)
    {
        var text = configuration[$"{Section}:Roles"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new NodeOptions();
        }
        var roles = text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .ToList();
        var unknown = roles.Where(r => r is not ("web" or "worker" or "gpu-worker")).ToList();
        if (unknown.Count > 0 || roles.Count == 0)
        {
            throw new ArgumentException(
                $"Node:Roles '{text}' is not valid: use 'web', 'worker' or 'web,worker' (unknown: {string.Join(", ", unknown)}).",
                nameof(configuration));
        }
        return new NodeOptions { IsWeb = roles.Contains("web"), IsWorker = roles.Contains("worker"), IsGpuWorker = roles.Contains("gpu-worker") };
    }

    public override string ToString() => string.Join(",", new[] { IsWeb ? "web" : null, IsWorker ? "worker" : null, IsGpuWorker ? "gpu-worker" : null }.OfType<string>());
}
