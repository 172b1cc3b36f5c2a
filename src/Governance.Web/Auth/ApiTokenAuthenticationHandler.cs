using System.Security.Claims;
using System.Text.Encodings.Web;
using Governance.Data.Access;
using Governance.Data.Identity;
using Governance.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Governance.Web.Auth;

/// <summary>
/// "Authorization: Bearer gov_..." authentication. The secret is hashed and looked up among active
/// tokens; the request then acts for the token's owner with exactly the token's one role, and is
/// audited as "token:&lt;name&gt;". A token whose owner no longer holds its role, or is locked out, fails.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessAdministration tokens,
    UserManager<GovernanceUser> users,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiRequests.HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.SecretPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail($"The bearer token is not a Governance API token (they start with '{ApiToken.SecretPrefix}').");
        }
        var token = await tokens.FindActiveTokenAsync(secret, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }
        var owner = await users.FindByNameAsync(token.OwnerUserName);
        if (owner is null || await users.IsLockedOutAsync(owner) || !await users.IsInRoleAsync(owner, token.Role))
        {
            return AuthenticateResult.Fail($"The API token's owner no longer exists, is locked out or no longer holds the role {token.Role}.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, owner.Id),
                new Claim(ClaimTypes.Name, token.OwnerUserName),
                new Claim(ClaimTypes.Role, token.Role),
                new Claim(GovernanceClaims.TokenName, token.Name),
                new Claim(GovernanceClaims.TokenId, token.Id.ToString()),
            ],
            SchemeName,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message
            ?? (ApiRequests.IsUnsafe(Request)
                ? "Changes through the API need an API token: send 'Authorization: Bearer gov_...'. Cookies are not accepted for unsafe API methods."
                : "Sign in or send an API token ('Authorization: Bearer gov_...').");
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiAuthResponses.WriteAsync(Context, problems, StatusCodes.Status401Unauthorized, detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiAuthResponses.WriteForbiddenAsync(Context, problems);
}
