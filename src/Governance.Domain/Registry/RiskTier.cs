namespace Governance.Domain.Registry;

/// <summary>Risk tiers in the sense of the EU AI Act; a higher tier asks for stricter release policies.</summary>
public enum RiskTier
{
    Minimal,
    Limited,
    High,
}
