namespace Governance.Data.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup folder: what was saved, from which database kind, and the SHA-256
/// of every file (paths relative to the folder, '/' separated), so a restore can refuse a damaged copy.
/// </summary>
public sealed record BackupManifest(
    string Format,
    DateTimeOffset CreatedAt,
    DatabaseProvider Provider,
    BackupFile Database,
    IReadOnlyList<BackupFile> Artifacts,
    long AuditEvents,
    string? AuditHeadHash)
{
    public const string CurrentFormat = "governance-backup/1";
    public const string FileName = "manifest.json";
}

/// <summary>One file of a backup: relative path, SHA-256 (lower-case hex) and size.</summary>
public sealed record BackupFile(string Path, string Sha256, long Bytes);
