using System.Security.Claims;
using Governance.Domain.Access;

namespace Governance.Web.Auth;

/// <summary>Claim types the API-token scheme adds, and how a principal becomes an audit <see cref="Actor"/>.</summary>
public static class GovernanceClaims
{
    /// <summary>Name of the API token a request authenticated with (absent for cookie sign-ins).</summary>
    public const string TokenName = "governance:token-name";

    /// <summary>Id of that token.</summary>
    public const string TokenId = "governance:token-id";

    /// <summary>The actor recorded in the audit trail: "token:&lt;name&gt;" for a token, "user:&lt;name&gt;" otherwise.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var tokenName = user.FindFirstValue(TokenName);
        if (tokenName is not null)
        {
            return new Actor(tokenName, ActorKind.Token);
        }
        var name = user.Identity?.Name;
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(name))
        {
            throw new InvalidOperationException("An anonymous request reached an action that records an actor; its endpoint lacks a policy.");
        }
        return Actor.User(name);
    }

    /// <summary>The user a request acts for: the signed-in user or the owner of the token.</summary>
    public static string UserName(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("The request is not authenticated.");
}
