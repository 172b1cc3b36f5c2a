namespace Governance.Domain.Registry;

/// <summary>The file formats a dataset upload may have.</summary>
public enum DatasetFormat
{
    Jsonl,
    Csv,
}

/// <summary>
/// An immutable snapshot of data: what it holds (hash, rows, columns) and where it came from.
/// Datasets are named independently of models so one snapshot can train or evaluate several.
/// </summary>
public sealed class DatasetVersion
{
    private DatasetVersion()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public int Version { get; private set; }
    public DatasetFormat Format { get; private set; }
    /// <summary>SHA-256 (hex) of the file as stored in the artifact store.</summary>
    public string ContentHash { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public long RowCount { get; private set; }
    /// <summary>Column names in file order.</summary>
    public List<string> Columns { get; private set; } = [];
    public string Source { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateTimeOffset? WindowStart { get; private set; }
    public DateTimeOffset? WindowEnd { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static DatasetVersion Register(DatasetDraft draft, int version, DatasetFile file, string createdBy, DateTimeOffset now)
    {
        if (!Registry.ContentHash.IsValid(file.ContentHash))
        {
            throw DomainException.Invalid("A dataset version needs a SHA-256 content hash.");
        }
        if (draft.WindowStart is { } s && draft.WindowEnd is { } e && e < s)
        {
            throw DomainException.Invalid("The dataset's time window ends before it starts.");
        }
        return new DatasetVersion
        {
            Id = Guid.CreateVersion7(now),
            Name = Names.RequireSlug(draft.Name, "Dataset"),
            Version = version,
            Format = file.Format,
            ContentHash = file.ContentHash,
            SizeBytes = file.SizeBytes,
            RowCount = file.RowCount,
            Columns = [.. file.Columns],
            Source = Names.RequireText(draft.Source, "Source", 1000, required: false),
            Description = Names.RequireText(draft.Description, "Description", 4000, required: false),
            WindowStart = draft.WindowStart,
            WindowEnd = draft.WindowEnd,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
    }
}

/// <summary>What a user says about a dataset upload.</summary>
public sealed record DatasetDraft(
    string Name,
    string? Source = null,
    string? Description = null,
    DateTimeOffset? WindowStart = null,
    DateTimeOffset? WindowEnd = null);

/// <summary>What the upload's parser found in the file.</summary>
public sealed record DatasetFile(DatasetFormat Format, string ContentHash, long SizeBytes, long RowCount, IReadOnlyList<string> Columns);
