using Governance.Domain;
using Governance.Domain.Access;

namespace Governance.Domain.Tests.Access;

public class ApiTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_hash_of_the_secret_is_kept()
    {
        var (token, secret) = ApiToken.Issue("ci", "alice", Roles.MLEngineer, Now, null);
        Assert.StartsWith(ApiToken.SecretPrefix, secret);
        Assert.DoesNotContain(secret, token.SecretHash);
        Assert.Equal(ApiToken.HashSecret(secret), token.SecretHash);
        Assert.Equal(64, token.SecretHash.Length);
        Assert.StartsWith(token.DisplayPrefix, secret);
    }

    [Fact]
    public void Two_tokens_never_share_a_secret()
    {
        var a = ApiToken.Issue("a", "alice", Roles.Viewer, Now, null);
        var b = ApiToken.Issue("b", "alice", Roles.Viewer, Now, null);
        Assert.NotEqual(a.Secret, b.Secret);
    }

    [Fact]
    public void Expired_and_revoked_tokens_are_inactive()
    {
        var (token, _) = ApiToken.Issue("ci", "alice", Roles.Viewer, Now, Now.AddDays(1));
        Assert.True(token.IsActive(Now));
        Assert.False(token.IsActive(Now.AddDays(2)));
        token.Revoke(Now);
        Assert.False(token.IsActive(Now));
        Assert.Throws<DomainException>(() => token.Revoke(Now));
    }

    [Fact]
    public void Unknown_roles_and_past_expiry_are_refused()
    {
        Assert.Contains("Unknown role", Assert.Throws<DomainException>(() => ApiToken.Issue("x", "a", "Root", Now, null)).Message);
        Assert.Contains("future", Assert.Throws<DomainException>(() => ApiToken.Issue("x", "a", Roles.Admin, Now, Now)).Message);
    }
}
