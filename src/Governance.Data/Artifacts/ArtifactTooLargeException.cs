namespace Governance.Data.Artifacts;

/// <summary>An upload went past the size limit it was given; nothing of it was kept.</summary>
public sealed class ArtifactTooLargeException(long maxBytes)
    : Exception($"The upload is larger than the limit of {maxBytes:N0} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
