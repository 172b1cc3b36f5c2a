using Governance.Data;
using Governance.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Governance.Web.Auth;

/// <summary>Identity, the cookie and API-token schemes, and the policies.</summary>
internal static class AuthSetup
{
    /// <summary>Default scheme: picks the token scheme or the Identity cookie per request.</summary>
    public const string SelectorScheme = "Governance";

    public static IServiceCollection AddGovernanceAuth(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie for pages, bearer token for automation", o =>
                o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<GovernanceUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GovernanceDbContext>()
            .AddSignInManager();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "governance.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API never redirects to the sign-in page: it answers 401/403 problem details.
            o.Events.OnRedirectToLogin = ctx => ApiRequests.IsApi(ctx.Request)
                ? ApiAuthResponses.WriteAsync(ctx.HttpContext, ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(),
                    StatusCodes.Status401Unauthorized, "Sign in or send an API token ('Authorization: Bearer gov_...').")
                : Redirect(ctx);
            o.Events.OnRedirectToAccessDenied = ctx => ApiRequests.IsApi(ctx.Request)
                ? ApiAuthResponses.WriteForbiddenAsync(ctx.HttpContext, ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>())
                : Redirect(ctx);
        });

        Policies.Configure(services.AddAuthorizationBuilder());
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>
    /// A bearer header selects the token scheme. Unsafe API methods always use it, so a browser's cookie can
    /// never authorize a state change through the API (no cross-site request forgery on /api).
    /// </summary>
    private static string SelectScheme(HttpContext context) =>
        ApiRequests.HasBearer(context.Request) || (ApiRequests.IsApi(context.Request) && ApiRequests.IsUnsafe(context.Request))
            ? ApiTokenAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
