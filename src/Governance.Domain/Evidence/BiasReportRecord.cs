namespace Governance.Domain.Evidence;

/// <summary>A candidate's bias report: group fairness per sensitive attribute plus counterfactual probes, as JSON.</summary>
public sealed class BiasReportRecord
{
    private BiasReportRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public Guid CandidateVersionId { get; private set; }
    public Guid DatasetVersionId { get; private set; }
    public Guid? JobRunId { get; private set; }
    /// <summary>The disparate-impact ratio furthest from 1 over all eligible groups, if any.</summary>
    public double? WorstDisparateImpact { get; private set; }
    /// <summary>The largest equalized-odds difference over the attributes, if any.</summary>
    public double? MaxEqualizedOddsGap { get; private set; }
    public double? CounterfactualFlipRate { get; private set; }
    public string Result { get; private set; } = "{}";
    public string ResultHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static BiasReportRecord Create(Guid modelId, Guid candidateVersionId, Guid datasetVersionId, Guid? jobRunId,
        double? worstDisparateImpact, double? maxEqualizedOddsGap, double? counterfactualFlipRate, string result, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ModelId = modelId,
        CandidateVersionId = candidateVersionId,
        DatasetVersionId = datasetVersionId,
        JobRunId = jobRunId,
        WorstDisparateImpact = worstDisparateImpact,
        MaxEqualizedOddsGap = maxEqualizedOddsGap,
        CounterfactualFlipRate = counterfactualFlipRate,
        Result = result,
        ResultHash = EvidenceHash.Of(result),
        CreatedAt = now,
    };
}
