namespace Governance.Domain.Releases;

/// <summary>How one gate came out: the rule, the value it saw and why it passed or failed.</summary>
public sealed record GateResult(GateRule Rule, string RuleText, double? Value, bool Passed, string Explanation);
