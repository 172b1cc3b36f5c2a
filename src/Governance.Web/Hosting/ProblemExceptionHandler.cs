using System.Text.Json;
using Governance.Data.Artifacts;
using Governance.Domain;
using Microsoft.AspNetCore.Diagnostics;

namespace Governance.Web.Hosting;

/// <summary>
/// Turns the exceptions that mean "bad request" into problem details with the reason: domain rule
/// violations by kind (Invalid 400, NotFound 404, Conflict 409, Forbidden 403), unreadable request
/// bodies and JSON 400 (naming the JSON path), and oversized uploads 413. Anything else stays a 500.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DomainException d => (StatusOf(d.Kind), TitleOf(d.Kind), d.Message),
            ArtifactTooLargeException t => (StatusCodes.Status413PayloadTooLarge, "Upload too large", t.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (
                StatusCodes.Status413PayloadTooLarge, "Upload too large", "The request body is larger than this endpoint accepts."),
            BadHttpRequestException b => (b.StatusCode, "Bad request", Describe(b)),
            JsonException j => (StatusCodes.Status400BadRequest, "Bad request", $"The request body is not valid JSON: {j.Message}"),
            _ => (0, "", ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    public static int StatusOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => "Not found",
        DomainErrorKind.Conflict => "Conflict",
        DomainErrorKind.Forbidden => "Forbidden",
        _ => "Invalid request",
    };

    /// <summary>The JSON reader's message names the path ($.riskTier) and position of the problem.</summary>
    private static string Describe(BadHttpRequestException e) =>
        e.InnerException is JsonException json ? $"{e.Message} {json.Message}" : e.Message;
}
