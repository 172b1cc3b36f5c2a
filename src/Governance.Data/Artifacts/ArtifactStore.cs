using System.Security.Cryptography;
using Governance.Domain.Registry;

namespace Governance.Data.Artifacts;

/// <summary>
/// Content-addressed files (weights, tokenizers, dataset files) under one root, at
/// <c>sha256/ab/cd/&lt;hash&gt;</c>. Paths are built only from a validated hash, never from input
/// text, so no request can reach outside the root. Files are immutable once stored.
/// </summary>
public sealed class ArtifactStore
{
    private const string TempPrefix = ".upload-";

    /// <summary>Creates the store; the root folder is created if missing.</summary>
    public ArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>
    /// Streams <paramref name="content"/> to a temporary file while hashing it, then moves it to its
    /// content address. Past <paramref name="maxBytes"/> it stops, deletes the temporary file and
    /// throws <see cref="ArtifactTooLargeException"/>.
    /// </summary>
    public async Task<StoredArtifact> SaveAsync(Stream content, long maxBytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var temp = Path.Combine(Root, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            string hash;
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new ArtifactTooLargeException(maxBytes);
                    }
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            var target = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(temp, target, overwrite: false);
                return new StoredArtifact(hash, size, AlreadyExisted: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Same content already stored (same hash, same bytes): keep the existing file.
                return new StoredArtifact(hash, size, AlreadyExisted: true);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Opens a stored file for reading. Throws <see cref="FileNotFoundException"/> if absent.</summary>
    public Stream OpenRead(string hash) =>
        new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public bool Exists(string hash) => File.Exists(PathOf(hash));

    /// <summary>
    /// Removes a stored file. Only for orphans: content stored by a change whose transaction rolled
    /// back and that nothing references.
    /// </summary>
    public void Delete(string hash) => File.Delete(PathOf(hash));

    /// <summary>Where a hash lives; refuses anything but 64 lower-case hex digits before touching a path.</summary>
    public string PathOf(string hash)
    {
        if (!ContentHash.IsValid(hash))
        {
            throw new ArgumentException($"'{hash}' is not a SHA-256 content hash (64 lower-case hex digits).", nameof(hash));
        }
        return Path.Combine(Root, "sha256", hash[..2], hash[2..4], hash);
    }
}
