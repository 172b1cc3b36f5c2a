using System.Security.Claims;

namespace Governance.Web.Auth;

/// <summary>The 401/403 problem details the API answers with instead of redirecting to the sign-in page.</summary>
internal static class ApiAuthResponses
{
    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Not signed in" : "Forbidden",
                Detail = detail,
            },
        });
    }

    public static Task WriteForbiddenAsync(HttpContext context, IProblemDetailsService problems)
    {
        var roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var held = roles.Count == 0 ? "no role" : "role(s) " + string.Join(", ", roles);
        return WriteAsync(context, problems, StatusCodes.Status403Forbidden,
            $"'{context.User.Identity?.Name}' with {held} may not {context.Request.Method} {context.Request.Path}.");
    }
}
