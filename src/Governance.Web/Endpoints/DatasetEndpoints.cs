using System.Globalization;
using System.Security.Claims;
using Governance.Data.Artifacts;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Registry;
using Governance.Web.Auth;
using Governance.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Governance.Web.Endpoints;

/// <summary>
/// /api/v1/datasets: immutable, hashed dataset versions. Uploads are JSONL or CSV, either as multipart
/// (a "file" part plus source, description, windowStart, windowEnd, format fields) or as the raw body
/// (text/csv or application/x-ndjson, fields in the query string), capped by <see cref="UploadLimits"/>.
/// </summary>
internal static class DatasetEndpoints
{
    private const string What = "dataset file";

    public static RouteGroupBuilder MapDatasets(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").WithTags("Dataset versions");
        datasets.MapGet("/", List).RequireAuthorization(Policies.CanRead);
        datasets.MapGet("/{name}/versions", ListOne).RequireAuthorization(Policies.CanRead);
        datasets.MapGet("/{name}/versions/{version:int}", Get).RequireAuthorization(Policies.CanRead).WithName("GetDatasetVersion");
        datasets.MapGet("/{name}/versions/{version:int}/content", Download).RequireAuthorization(Policies.CanRead);
        datasets.MapPost("/{name}/versions", Upload).RequireAuthorization(Policies.CanEditRegistry)
            // No Accepts metadata: routing would answer an unlisted media type with a bare 415; the handler says why.
            .WithDescription("Upload a JSONL or CSV file: multipart/form-data with a 'file' part (and source, description, "
                + "windowStart, windowEnd, format fields), or the raw body as text/csv or application/x-ndjson with those fields in the query.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<DatasetVersion>>> List(ModelRegistry registry, string? name, CancellationToken ct) =>
        TypedResults.Ok(await registry.ListDatasetVersionsAsync(name, ct));

    private static async Task<Ok<IReadOnlyList<DatasetVersion>>> ListOne(string name, ModelRegistry registry, CancellationToken ct)
    {
        var versions = await registry.ListDatasetVersionsAsync(name, ct);
        return versions.Count == 0 ? throw DomainException.NotFound($"Dataset '{name}' does not exist.") : TypedResults.Ok(versions);
    }

    private static async Task<Ok<DatasetVersion>> Get(string name, int version, ModelRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await Require(registry, name, version, ct));

    private static async Task<FileStreamHttpResult> Download(string name, int version, ModelRegistry registry, ArtifactStore artifacts, CancellationToken ct)
    {
        var dataset = await Require(registry, name, version, ct);
        var (contentType, extension) = dataset.Format == DatasetFormat.Csv ? ("text/csv", "csv") : ("application/x-ndjson", "jsonl");
        return TypedResults.Stream(artifacts.OpenRead(dataset.ContentHash), contentType, $"{name}-v{version}.{extension}");
    }

    private static async Task<CreatedAtRoute<DatasetVersion>> Upload(
        string name, HttpRequest request, ModelRegistry registry, UploadLimits limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var max = limits.MaxDatasetBytes;
        Uploads.AllowBody(request, max, What);
        DatasetDraft draft;
        DatasetFormat format;
        Stream content;
        if (request.HasFormContentType)
        {
            var form = await Uploads.ReadFormAsync(request, max, What, ct);
            var file = Uploads.RequireFile(form, "file", max, What);
            format = FormatOf(form["format"], file.ContentType, file.FileName);
            draft = DraftOf(name, form["source"], form["description"], form["windowStart"], form["windowEnd"]);
            content = file.OpenReadStream();
        }
        else
        {
            var q = request.Query;
            format = FormatOf(q["format"], request.ContentType, null);
            draft = DraftOf(name, q["source"], q["description"], q["windowStart"], q["windowEnd"]);
            content = request.Body;
        }
        await using var limited = new LimitedReadStream(content, max, What);
        var dataset = await registry.RegisterDatasetVersionAsync(draft, format, limited, max, user.ToActor(), ct);
        return TypedResults.CreatedAtRoute(dataset, "GetDatasetVersion", new { name = dataset.Name, version = dataset.Version });
    }

    private static async Task<DatasetVersion> Require(ModelRegistry registry, string name, int version, CancellationToken ct) =>
        await registry.GetDatasetVersionAsync(name, version, ct)
            ?? throw DomainException.NotFound($"Dataset '{name}' has no version {version}.");

    /// <summary>An explicit format wins; then the media type; then the file name's extension.</summary>
    private static DatasetFormat FormatOf(StringValues explicitFormat, string? contentType, string? fileName)
    {
        var text = explicitFormat.ToString();
        if (text.Length > 0)
        {
            return text.ToLowerInvariant() switch
            {
                "csv" => DatasetFormat.Csv,
                "jsonl" or "ndjson" => DatasetFormat.Jsonl,
                _ => throw DomainException.Invalid($"Field 'format' must be 'jsonl' or 'csv', not '{text}'."),
            };
        }
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (media is "text/csv" or "application/csv")
        {
            return DatasetFormat.Csv;
        }
        if (media is "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines" or "application/jsonlines")
        {
            return DatasetFormat.Jsonl;
        }
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return extension switch
        {
            ".csv" => DatasetFormat.Csv,
            ".jsonl" or ".ndjson" => DatasetFormat.Jsonl,
            _ => throw DomainException.Invalid(
                $"Cannot tell the dataset's format from media type '{media}' or file name '{fileName}': send text/csv or application/x-ndjson, or set 'format' to jsonl or csv."),
        };
    }

    private static DatasetDraft DraftOf(string name, StringValues source, StringValues description, StringValues windowStart, StringValues windowEnd) =>
        new(name, NullIfEmpty(source), NullIfEmpty(description), TimeOf(windowStart, "windowStart"), TimeOf(windowEnd, "windowEnd"));

    private static string? NullIfEmpty(StringValues value) => value.Count == 0 || value.ToString().Length == 0 ? null : value.ToString();

    private static DateTimeOffset? TimeOf(StringValues value, string field)
    {
        var text = NullIfEmpty(value);
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw DomainException.Invalid($"Field '{field}' is not an ISO 8601 time: '{text}'.");
    }
}
