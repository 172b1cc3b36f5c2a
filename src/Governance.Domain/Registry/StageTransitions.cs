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
}
