namespace Governance.Learning.Nn;

/// <summary>
/// LoRA settings. <paramref name="Targets"/> are projection roles: query, key, value, attention.output,
/// intermediate, output.
/// </summary>
public sealed record LoraOptions(int Rank = 8, float Alpha = 16f, float Dropout = 0.05f, IReadOnlyList<string>? Targets = null)
{
    /// <summary>The roles adapted (query and value by default, as in the LoRA paper).</summary>
    public IReadOnlyList<string> TargetRoles => Targets ?? ["query", "value"];

    internal static readonly string[] KnownRoles = ["query", "key", "value", "attention.output", "intermediate", "output"];

    /// <summary>Throws on a rank, alpha, dropout or target that cannot work.</summary>
    public void Validate()
    {
        if (Rank <= 0) throw new ArgumentException($"LoRA rank must be positive, got {Rank}.", nameof(Rank));
        if (Alpha <= 0) throw new ArgumentException($"LoRA alpha must be positive, got {Alpha}.", nameof(Alpha));
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"LoRA dropout must be in [0, 1), got {Dropout}.", nameof(Dropout));
        foreach (var t in TargetRoles)
            if (!KnownRoles.Contains(t))
                throw new ArgumentException($"Unknown LoRA target '{t}'; use one of {string.Join(", ", KnownRoles)}.", nameof(Targets));
        if (TargetRoles.Count == 0) throw new ArgumentException("LoRA needs at least one target projection.", nameof(Targets));
    }
}
