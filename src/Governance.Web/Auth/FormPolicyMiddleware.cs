using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;

namespace Governance.Web.Auth;

/// <summary>
/// Applies <see cref="FormPolicyAttribute"/>: a POST whose <c>_handler</c> names a declared form is
/// authorised against that form's policy first. Context: forms render only for roles that may use
/// them, so Blazor answered a crafted post by another role with 400 ("no form of that name"), which
/// hides that it was a refusal. Choice: 403 (401 when signed out) here, before any handler runs.
/// Trade-off: the form is read once more here (it is buffered; posts are small).
/// </summary>
public static class FormPolicyMiddleware
{
    private const string HandlerField = "_handler";

    public static IApplicationBuilder UseFormPolicies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // A post without a valid antiforgery token is Blazor's to refuse (400); its form must not be read.
        // (Even HasFormContentType throws once validation failed, so that check comes first.)
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            || context.GetEndpoint()?.Metadata.GetOrderedMetadata<FormPolicyAttribute>() is not { Count: > 0 } rules
            || !context.Request.HasFormContentType)
        {
            await next(context);
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var handler = form[HandlerField].ToString();
        if (string.IsNullOrEmpty(handler))
        {
            handler = context.Request.Query["handler"].ToString();
        }
        var rule = rules.FirstOrDefault(r => string.Equals(r.FormName, handler, StringComparison.Ordinal));
        if (rule is not null)
        {
            var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
            var result = await authorization.AuthorizeAsync(context.User, rule.Policy);
            if (!result.Succeeded)
            {
                context.Response.StatusCode = context.User.Identity?.IsAuthenticated == true
                    ? StatusCodes.Status403Forbidden
                    : StatusCodes.Status401Unauthorized;
                return;
            }
        }
        await next(context);
    });
}
