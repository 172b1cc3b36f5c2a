namespace Governance.Domain.Evidence;

/// <summary>
/// One drift check of a model: production's reference data against newer data. A breached report
/// stays unresolved (and blocks the no-drift gate) until someone resolves it or a retrain answers it.
/// </summary>
public sealed class DriftReportRecord
{
    private DriftReportRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public Guid? ProductionVersionId { get; private set; }
    public Guid ReferenceDatasetVersionId { get; private set; }
    public Guid CurrentDatasetVersionId { get; private set; }
    public Guid? JobRunId { get; private set; }
    public bool Breached { get; private set; }
    /// <summary>The drift statistic the verdict was made on (domain-classifier AUC for text).</summary>
    public double? Statistic { get; private set; }
    public bool Resolved { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string Resolution { get; private set; } = "";
    public string Result { get; private set; } = "{}";
    public string ResultHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static DriftReportRecord Create(Guid modelId, Guid? productionVersionId, Guid referenceDatasetVersionId, Guid currentDatasetVersionId,
        Guid? jobRunId, bool breached, double? statistic, string result, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ModelId = modelId,
        ProductionVersionId = productionVersionId,
        ReferenceDatasetVersionId = referenceDatasetVersionId,
        CurrentDatasetVersionId = currentDatasetVersionId,
        JobRunId = jobRunId,
        Breached = breached,
        Statistic = statistic,
        Resolved = !breached,
        Result = result,
        ResultHash = EvidenceHash.Of(result),
        CreatedAt = now,
    };

    /// <summary>Marks a breach as dealt with; the reason is required.</summary>
    public void Resolve(string by, string resolution, DateTimeOffset now)
    {
        if (Resolved)
        {
            throw DomainException.Conflict("This drift report is already resolved.");
        }
        if (string.IsNullOrWhiteSpace(resolution))
        {
            throw DomainException.Invalid("Resolving a drift breach needs a reason.");
        }
        Resolved = true;
        ResolvedBy = by;
        ResolvedAt = now;
        Resolution = resolution.Trim();
    }
}
