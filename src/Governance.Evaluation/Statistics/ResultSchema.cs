namespace Governance.Evaluation.Statistics;

/// <summary>Version of the JSON shape of evaluation results, stored with them in the registry.</summary>
public static class ResultSchema
{
    /// <summary>Bumped when a stored result's shape changes incompatibly.</summary>
    public const string Version = "governance.evaluation/1";
}
