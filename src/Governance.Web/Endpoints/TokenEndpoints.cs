using System.Security.Claims;
using Governance.Data.Access;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>
/// /api/v1/tokens: one's own API tokens. A token is issued only for a role its owner holds; the secret
/// is in the issue response and nowhere else. Admins see and may revoke everyone's tokens.
/// </summary>
internal static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokens(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("API tokens").RequireAuthorization(Policies.CanManageOwnTokens);
        tokens.MapGet("/", List);
        tokens.MapPost("/", Issue);
        tokens.MapDelete("/{id:guid}", Revoke);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<TokenView>>> List(AccessAdministration access, ClaimsPrincipal user, bool? all, CancellationToken ct)
    {
        var everyone = all == true && user.IsInRole(Roles.Admin);
        var tokens = await access.ListTokensAsync(everyone ? null : user.UserName(), ct);
        return TypedResults.Ok<IReadOnlyList<TokenView>>(tokens.Select(TokenView.Of).ToList());
    }

    private static async Task<Created<IssuedTokenView>> Issue(TokenRequest request, AccessAdministration access, ClaimsPrincipal user, CancellationToken ct)
    {
        request = ApiInput.Require(request);
        var role = request.Role ?? throw DomainException.Invalid($"Field 'role' is required: one of {string.Join(", ", Roles.All)}.");
        if (Roles.IsKnown(role) && !user.IsInRole(role))
        {
            throw DomainException.Forbidden($"You may issue tokens only for roles you hold; you do not hold {role}.");
        }
        var issued = await access.IssueTokenAsync(request.Name ?? "", user.UserName(), role, request.ExpiresAt, user.ToActor(), ct);
        return TypedResults.Created($"/api/v1/tokens/{issued.Token.Id}", new IssuedTokenView(TokenView.Of(issued.Token), issued.Secret));
    }

    private static async Task<Ok<TokenView>> Revoke(Guid id, AccessAdministration access, ClaimsPrincipal user, CancellationToken ct)
    {
        var own = await access.ListTokensAsync(user.UserName(), ct);
        if (!user.IsInRole(Roles.Admin) && own.All(t => t.Id != id))
        {
            // Not revealing whether someone else's token exists.
            throw DomainException.NotFound($"You have no token {id}.");
        }
        return TypedResults.Ok(TokenView.Of(await access.RevokeTokenAsync(id, user.ToActor(), ct)));
    }
}

/// <summary>Body of a token request: a name to tell it apart, the one role it acts with, an optional expiry.</summary>
internal sealed record TokenRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);

/// <summary>A token as listed: never its secret or hash.</summary>
internal sealed record TokenView(
    Guid Id, string Name, string Owner, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static TokenView Of(ApiToken t) => new(t.Id, t.Name, t.OwnerUserName, t.Role, t.DisplayPrefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt);
}

/// <summary>The issue response: the only time the secret is shown.</summary>
internal sealed record IssuedTokenView(TokenView Token, string Secret);
