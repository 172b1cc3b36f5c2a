using System.Security.Cryptography;

namespace Governance.Data.Backup;

/// <summary>SHA-256 of files, streamed (artifacts can be gigabytes).</summary>
internal static class FileHashes
{
    public static async Task<BackupFile> DescribeAsync(string folder, string fullPath, CancellationToken ct)
    {
        await using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        var relative = Path.GetRelativePath(folder, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        return new BackupFile(relative, hash, stream.Length);
    }

    public static async Task<string> Sha256Async(string fullPath, CancellationToken ct)
    {
        await using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
