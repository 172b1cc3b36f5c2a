namespace Governance.Domain.Registry;

/// <summary>Where a model version stands in its life.</summary>
public enum ModelStage
{
    Candidate,
    Staging,
    Production,
    Archived,
    Rejected,
}
