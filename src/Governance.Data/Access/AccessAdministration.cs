using Governance.Data.Audit;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data.Access;

/// <summary>API tokens for automation: issue (secret shown once), revoke, look up by secret. Changes are audited.</summary>
public sealed class AccessAdministration(GovernanceDbContext db, AuditTrail audit, TimeProvider time)
{
    public const string TokenSubject = "api-token";

    public Task<IssuedToken> IssueTokenAsync(string name, string ownerUserName, string role, DateTimeOffset? expiresAt, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerUserName);
        return WriteScope.RunAsync(db, "Token collision; try again.", async () =>
        {
            var (token, secret) = ApiToken.Issue(name, ownerUserName, role, time.GetUtcNow(), expiresAt);
            db.ApiTokens.Add(token);
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.TokenIssued, TokenSubject, token.Id.ToString(),
                Registry.AuditPayload.Of(new { token.Id, token.Name, owner = token.OwnerUserName, token.Role, token.DisplayPrefix, token.ExpiresAt })), ct);
            return new IssuedToken(token, secret);
        }, ct);
    }

    public Task<ApiToken> RevokeTokenAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return WriteScope.RunAsync(db, "The token was changed concurrently; try again.", async () =>
        {
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct)
                ?? throw DomainException.NotFound($"Token {id} does not exist.");
            token.Revoke(time.GetUtcNow());
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.TokenRevoked, TokenSubject, token.Id.ToString(),
                Registry.AuditPayload.Of(new { token.Id, token.Name, owner = token.OwnerUserName, token.RevokedAt })), ct);
            return token;
        }, ct);
    }

    /// <summary>The active (unrevoked, unexpired) token with this secret, or null.</summary>
    public async Task<ApiToken?> FindActiveTokenAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(ApiToken.SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = ApiToken.HashSecret(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        return token is not null && token.IsActive(time.GetUtcNow()) ? token : null;
    }

    /// <summary>Tokens, newest first; all or one owner's.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(string? ownerUserName = null, CancellationToken ct = default)
    {
        var tokens = db.ApiTokens.AsNoTracking();
        if (!string.IsNullOrEmpty(ownerUserName))
        {
            tokens = tokens.Where(t => t.OwnerUserName == ownerUserName);
        }
        return await tokens.OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }
}
