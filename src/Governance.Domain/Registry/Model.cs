namespace Governance.Domain.Registry;

/// <summary>A governed use case: one task in one domain, owned by someone, with its risk and intended use.</summary>
public sealed class Model
{
    private Model()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Task { get; private set; } = "";
    public string Domain { get; private set; } = "";
    public string Owner { get; private set; } = "";
    public RiskTier RiskTier { get; private set; }
    public string IntendedUse { get; private set; } = "";
    public string Description { get; private set; } = "";
    /// <summary>Attributes the bias report slices by (e.g. "sender_cctld"), comma-free identifiers.</summary>
    public List<string> SensitiveAttributes { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>Highest version number handed out so far; numbers are never reused.</summary>
    public int LatestVersionNumber { get; private set; }

    public static Model Register(ModelDraft draft, string createdBy, DateTimeOffset now)
    {
        var model = new Model
        {
            Id = Guid.CreateVersion7(now),
            Name = Names.RequireSlug(draft.Name, "Model"),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        model.Apply(draft);
        return model;
    }

    /// <summary>Changes the descriptive fields; the name is the model's identity and never changes.</summary>
    public void Update(ModelDraft draft)
    {
        if (draft.Name != Name)
        {
            throw DomainException.Invalid($"A model's name cannot change (was '{Name}', got '{draft.Name}').");
        }
        Apply(draft);
    }

    public int NextVersionNumber() => ++LatestVersionNumber;

    private void Apply(ModelDraft draft)
    {
        Task = Names.RequireText(draft.Task, "Task", 100);
        Domain = Names.RequireText(draft.Domain, "Domain", 100);
        Owner = Names.RequireText(draft.Owner, "Owner", 200);
        if (!Enum.IsDefined(draft.RiskTier))
        {
            throw DomainException.Invalid($"Unknown risk tier '{draft.RiskTier}'.");
        }
        RiskTier = draft.RiskTier;
        IntendedUse = Names.RequireText(draft.IntendedUse, "Intended use", 4000, required: false);
        Description = Names.RequireText(draft.Description, "Description", 4000, required: false);
        var attributes = draft.SensitiveAttributes ?? [];
        foreach (var attribute in attributes)
        {
            Names.RequireSlug(attribute.Replace('_', '-'), "Sensitive attribute");
        }
        SensitiveAttributes = attributes.Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>The fields a user supplies when registering or editing a model.</summary>
public sealed record ModelDraft(
    string Name,
    string Task,
    string Domain,
    string Owner,
    RiskTier RiskTier,
    string? IntendedUse = null,
    string? Description = null,
    IReadOnlyList<string>? SensitiveAttributes = null);
