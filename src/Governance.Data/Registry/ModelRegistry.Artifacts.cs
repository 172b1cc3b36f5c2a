using Governance.Data.Artifacts;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Registry;

namespace Governance.Data.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Stores a version's artifact (at most <paramref name="maxBytes"/>) and registers the version
    /// with its hash. If registration fails, the stored file is removed again unless something else
    /// already referenced the same content.
    /// </summary>
    public async Task<ModelVersion> RegisterVersionWithArtifactAsync(
        string modelName, VersionDraft draft, Stream artifact, long maxBytes, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(artifact);
        StoredArtifact stored;
        try
        {
            stored = await artifacts.SaveAsync(artifact, maxBytes, ct);
        }
        catch (ArtifactTooLargeException ex)
        {
            throw DomainException.Invalid($"The artifact is larger than the limit of {ex.MaxBytes:N0} bytes.");
        }
        try
        {
            return await RegisterVersionAsync(modelName, draft with { ArtifactHash = stored.Hash }, actor, ct);
        }
        catch
        {
            await RemoveIfOrphanAsync(stored, CancellationToken.None);
            throw;
        }
    }
}
