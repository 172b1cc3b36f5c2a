using System.Security.Cryptography;
using System.Text;

namespace Governance.Domain.Access;

/// <summary>
/// A bearer token for automation. Only the SHA-256 of the secret is stored; the secret is shown once
/// at creation. A token acts with exactly one role, on behalf of the user who created it.
/// </summary>
public sealed class ApiToken
{
    public const string SecretPrefix = "gov_";

    private ApiToken()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string OwnerUserName { get; private set; } = "";
    public string Role { get; private set; } = "";
    /// <summary>Lower-case hex SHA-256 of the full secret.</summary>
    public string SecretHash { get; private set; } = "";
    /// <summary>First characters of the secret, so a user can tell tokens apart.</summary>
    public string DisplayPrefix { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Creates a token and returns it with its secret, which is not kept anywhere else.</summary>
    public static (ApiToken Token, string Secret) Issue(string name, string ownerUserName, string role, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw DomainException.Invalid("A token needs a name of 1 to 100 characters.");
        }
        if (!Roles.IsKnown(role))
        {
            throw DomainException.Invalid($"Unknown role '{role}'. Known roles: {string.Join(", ", Roles.All)}.");
        }
        if (expiresAt is { } e && e <= now)
        {
            throw DomainException.Invalid("A token's expiry must lie in the future.");
        }
        var secret = SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            OwnerUserName = ownerUserName,
            Role = role,
            SecretHash = HashSecret(secret),
            DisplayPrefix = secret[..12],
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, secret);
    }

    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw DomainException.Conflict($"Token '{Name}' is already revoked.");
        }
        RevokedAt = now;
    }
}
