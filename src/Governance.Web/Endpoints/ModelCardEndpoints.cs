using System.Security.Claims;
using Governance.Domain;
using Governance.Web.Auth;
using Governance.Web.ModelCards;

namespace Governance.Web.Endpoints;

/// <summary>
/// Model card exports beside the card page: <c>/models/{name}/versions/{n}/card.pdf</c> (or <c>?format=html</c>)
/// and <c>/card.html</c>. Readers may export what they may read (CanRead); every export is audited first.
/// </summary>
internal static class ModelCardEndpoints
{
    /// <summary>Response header carrying the SHA-256 (lower-case hex) of the body, as recorded in the audit trail.</summary>
    public const string HashHeader = "X-Content-SHA256";

    public static IEndpointRouteBuilder MapModelCards(this IEndpointRouteBuilder app)
    {
        var cards = app.MapGroup("/models/{name}/versions/{number:int}")
            .RequireAuthorization(Policies.CanRead)
            .ExcludeFromDescription();
        cards.MapGet("/card.pdf", (string name, int number, string? format, ModelCardExporter exporter, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            ExportAsync(name, number, format ?? "pdf", exporter, user, http, ct));
        cards.MapGet("/card.html", (string name, int number, ModelCardExporter exporter, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            ExportAsync(name, number, "html", exporter, user, http, ct));
        return app;
    }

    private static async Task<IResult> ExportAsync(
        string name, int number, string format, ModelCardExporter exporter, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var kind = format.ToLowerInvariant() switch
        {
            "pdf" => ModelCardFormat.Pdf,
            "html" => ModelCardFormat.Html,
            _ => throw DomainException.Invalid($"Field 'format' must be 'pdf' or 'html', not '{format}'."),
        };
        var portal = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";
        ModelCardExport export;
        try
        {
            export = await exporter.ExportAsync(name, number, kind, portal, user.ToActor(), ct);
        }
        catch (PdfUnavailableException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export unavailable", detail: e.Message);
        }
        http.Response.Headers[HashHeader] = export.Sha256;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(export.Content, export.ContentType, export.FileName);
    }
}
