namespace Governance.Domain.Registry;

/// <summary>
/// The allowed moves between stages. Production is reached only from Staging or, for a rollback,
/// from Archived; Rejected is final so a rejected version can never slip back in.
/// </summary>
public static class StageTransitions
{
    private static readonly Dictionary<ModelStage, ModelStage[]> Allowed = new()
    {
        [ModelStage.Candidate] = [ModelStage.Staging, ModelStage.Rejected],
        [ModelStage.Staging] = [ModelStage.Production, ModelStage.Rejected, ModelStage.Candidate],
        [ModelStage.Production] = [ModelStage.Archived],
        [ModelStage.Archived] = [ModelStage.Production],
        [ModelStage.Rejected] = [],
    };

    public static bool IsAllowed(ModelStage from, ModelStage to) => Allowed[from].Contains(to);

    public static IReadOnlyList<ModelStage> From(ModelStage stage) => Allowed[stage];

    /// <summary>
    /// Refuses a stage a person may not set by hand: Production is reached only through an approved
    /// release request (both required approvals) or an audited rollback, never by a plain stage change.
    /// </summary>
    public static void RequireManualTarget(ModelStage target)
    {
        if (target == ModelStage.Production)
        {
            throw DomainException.Forbidden(
                "Production is reached only through an approved release request (an ML engineer and a compliance officer) or an audited rollback, not by a stage change.");
        }
    }
}
