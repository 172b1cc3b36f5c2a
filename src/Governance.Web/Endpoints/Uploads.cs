using Governance.Domain;
using Governance.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Governance.Web.Endpoints;

/// <summary>What the upload endpoints (dataset files, model artifacts) share: limits and reading multipart bodies.</summary>
internal static class Uploads
{
    /// <summary>Raises Kestrel's body limit for this one request (file plus multipart framing) and refuses a too-long Content-Length at once.</summary>
    public static void AllowBody(HttpRequest request, long maxFileBytes, string what)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxFileBytes + UploadLimits.MultipartOverheadBytes;
        }
        if (request.ContentLength > maxFileBytes + UploadLimits.MultipartOverheadBytes)
        {
            throw TooLarge(maxFileBytes, what);
        }
    }

    /// <summary>The form reader signals limits and bad framing with InvalidDataException; both are the client's fault.</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long maxFileBytes, string what, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxFileBytes }, ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(maxFileBytes, what);
        }
        catch (InvalidDataException e)
        {
            throw DomainException.Invalid($"The multipart body is malformed: {e.Message}");
        }
    }

    /// <summary>The file part named <paramref name="part"/> (or the only one), checked against the limit.</summary>
    public static IFormFile RequireFile(IFormCollection form, string part, long maxFileBytes, string what)
    {
        var file = form.Files.GetFile(part) ?? (form.Files.Count == 1 ? form.Files[0] : null)
            ?? throw DomainException.Invalid($"A multipart upload needs one file part named '{part}'.");
        return file.Length > maxFileBytes ? throw TooLarge(maxFileBytes, what) : file;
    }

    public static BadHttpRequestException TooLarge(long maxFileBytes, string what) =>
        new($"The {what} is larger than the limit of {maxFileBytes:N0} bytes.", StatusCodes.Status413PayloadTooLarge);
}
