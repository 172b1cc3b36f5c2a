namespace Governance.Domain.Evidence;

/// <summary>
/// A candidate's evaluation against production on one held-out dataset version. <see cref="Result"/>
/// holds the evaluation library's records as JSON; <see cref="ResultHash"/> is its SHA-256 so an
/// approval can pin exactly what it was decided on. The summary columns are for lists and gates.
/// </summary>
public sealed class EvaluationRecord
{
    private EvaluationRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public Guid CandidateVersionId { get; private set; }
    public Guid? ProductionVersionId { get; private set; }
    public Guid DatasetVersionId { get; private set; }
    public Guid? JobRunId { get; private set; }
    public long SampleCount { get; private set; }
    public double MacroF1 { get; private set; }
    public double MacroF1Lower { get; private set; }
    public double MacroF1Upper { get; private set; }
    public double Accuracy { get; private set; }
    /// <summary>Candidate minus production macro-F1, when there is a production version.</summary>
    public double? MacroF1Difference { get; private set; }
    public string Result { get; private set; } = "{}";
    public string ResultHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static EvaluationRecord Create(Guid modelId, Guid candidateVersionId, Guid? productionVersionId, Guid datasetVersionId, Guid? jobRunId,
        long sampleCount, double macroF1, double macroF1Lower, double macroF1Upper, double accuracy, double? macroF1Difference,
        string result, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ModelId = modelId,
        CandidateVersionId = candidateVersionId,
        ProductionVersionId = productionVersionId,
        DatasetVersionId = datasetVersionId,
        JobRunId = jobRunId,
        SampleCount = sampleCount,
        MacroF1 = macroF1,
        MacroF1Lower = macroF1Lower,
        MacroF1Upper = macroF1Upper,
        Accuracy = accuracy,
        MacroF1Difference = macroF1Difference,
        Result = result,
        ResultHash = EvidenceHash.Of(result),
        CreatedAt = now,
    };
}
