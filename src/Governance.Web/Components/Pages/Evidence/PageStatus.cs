using Microsoft.AspNetCore.Http;

namespace Governance.Web.Components.Pages.Evidence;

/// <summary>
/// Sets an error status on a page that still renders its own explanation. .NET 10's component endpoint
/// drops the body of a page that ends with status 404 (it expects a not-found page or re-execution), so the
/// status is applied as the headers go out, after the page's HTML is already buffered.
/// </summary>
internal static class PageStatus
{
    public static void Set(HttpContext context, int statusCode) =>
        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        });
}
