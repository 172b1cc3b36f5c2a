namespace Governance.Domain.Registry;

/// <summary>
/// One trained artifact of a model with its lineage: where it came from (parent version, dataset,
/// config, seed, code) and what it is (artifact hash). Only its stage changes after registration.
/// </summary>
public sealed class ModelVersion
{
    private ModelVersion()
    {
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public int Number { get; private set; }
    public ModelStage Stage { get; private set; }
    public Guid? ParentVersionId { get; private set; }
    public Guid? DatasetVersionId { get; private set; }
    /// <summary>SHA-256 (hex) of the artifact in the content-addressed store, if one was uploaded.</summary>
    public string? ArtifactHash { get; private set; }
    /// <summary>Training configuration as JSON (method, hyper-parameters), stored verbatim.</summary>
    public string TrainingConfig { get; private set; } = "{}";
    public long? Seed { get; private set; }
    public string CodeVersion { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset StageChangedAt { get; private set; }

    public static ModelVersion Register(Model model, VersionDraft draft, string createdBy, DateTimeOffset now)
    {
        if (draft.ArtifactHash is { } hash && !ContentHash.IsValid(hash))
        {
            throw DomainException.Invalid($"Artifact hash '{hash}' is not a lower-case hex SHA-256.");
        }
        return new ModelVersion
        {
            Id = Guid.CreateVersion7(now),
            ModelId = model.Id,
            Number = model.NextVersionNumber(),
            Stage = ModelStage.Candidate,
            ParentVersionId = draft.ParentVersionId,
            DatasetVersionId = draft.DatasetVersionId,
            ArtifactHash = draft.ArtifactHash,
            TrainingConfig = string.IsNullOrWhiteSpace(draft.TrainingConfig) ? "{}" : draft.TrainingConfig,
            Seed = draft.Seed,
            CodeVersion = Names.RequireText(draft.CodeVersion, "Code version", 200, required: false),
            Description = Names.RequireText(draft.Description, "Description", 4000, required: false),
            CreatedAt = now,
            CreatedBy = createdBy,
            StageChangedAt = now,
        };
    }

    /// <summary>Moves the version to another stage, refusing moves the lifecycle does not allow.</summary>
    public void MoveTo(ModelStage target, DateTimeOffset now)
    {
        if (!Enum.IsDefined(target))
        {
            throw DomainException.Invalid($"Unknown stage '{target}'.");
        }
        if (!StageTransitions.IsAllowed(Stage, target))
        {
            var allowed = StageTransitions.From(Stage);
            var options = allowed.Count == 0 ? "none: it is final" : string.Join(", ", allowed);
            throw DomainException.Conflict($"Version {Number} cannot move from {Stage} to {target}; allowed from {Stage}: {options}.");
        }
        Stage = target;
        StageChangedAt = now;
    }
}

/// <summary>The fields supplied when a version is registered.</summary>
public sealed record VersionDraft(
    Guid? ParentVersionId = null,
    Guid? DatasetVersionId = null,
    string? ArtifactHash = null,
    string? TrainingConfig = null,
    long? Seed = null,
    string? CodeVersion = null,
    string? Description = null);
