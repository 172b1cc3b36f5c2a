using Governance.Data.Identity;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Web.Endpoints;

/// <summary>POST /account/sign-out. A form field makes the endpoint require the antiforgery token.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", SignOut).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignOut(SignInManager<GovernanceUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            ? url
            : "/account/sign-in");
    }
}
