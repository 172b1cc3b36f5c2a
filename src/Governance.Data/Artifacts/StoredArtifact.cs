namespace Governance.Data.Artifacts;

/// <summary>
/// A file in the content-addressed store. <see cref="AlreadyExisted"/> is true when identical content
/// was stored before, so a failed use case knows whether the file is its own to remove.
/// </summary>
public sealed record StoredArtifact(string Hash, long SizeBytes, bool AlreadyExisted);
