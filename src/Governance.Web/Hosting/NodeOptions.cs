namespace Governance.Web.Hosting;

/// <summary>
/// What this node does, from configuration <c>Node:Roles</c> ("web", "worker" or "web,worker"; default both).
/// Web nodes serve the portal and API; worker nodes run scheduled jobs (the scheduler arrives in a later issue).
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    public bool IsWeb { get; init; } = true;
    public bool IsWorker { get; init; } = true;

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
        var unknown = roles.Where(r => r is not ("web" or "worker")).ToList();
        if (unknown.Count > 0 || roles.Count == 0)
        {
            throw new ArgumentException(
                $"Node:Roles '{text}' is not valid: use 'web', 'worker' or 'web,worker' (unknown: {string.Join(", ", unknown)}).",
                nameof(configuration));
        }
        return new NodeOptions { IsWeb = roles.Contains("web"), IsWorker = roles.Contains("worker") };
    }

    public override string ToString() => string.Join(",", new[] { IsWeb ? "web" : null, IsWorker ? "worker" : null }.OfType<string>());
}
