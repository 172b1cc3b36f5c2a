namespace Governance.Domain.Registry;

/// <summary>Content hashes are lower-case hex SHA-256 strings everywhere in the registry.</summary>
public static class ContentHash
{
    public static bool IsValid(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
