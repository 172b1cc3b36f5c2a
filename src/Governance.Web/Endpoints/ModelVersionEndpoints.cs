using System.Security.Claims;
using System.Text.Json;
using Governance.Data.Artifacts;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Registry;
using Governance.Web.Auth;
using Governance.Web.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/models/{name}/versions: a model's versions, their lineage and stage.</summary>
internal static class ModelVersionEndpoints
{
    public static RouteGroupBuilder MapModelVersions(this RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/models/{name}/versions").WithTags("Model versions");
        versions.MapGet("/", List).RequireAuthorization(Policies.CanRead);
        versions.MapGet("/{number:int}", Get).RequireAuthorization(Policies.CanRead).WithName("GetModelVersion");
        versions.MapGet("/{number:int}/artifact", DownloadArtifact).RequireAuthorization(Policies.CanRead);
        versions.MapPost("/", Register).RequireAuthorization(Policies.CanEditRegistry)
            .Accepts<VersionDraft>("application/json", "multipart/form-data")
            .WithDescription("JSON: a VersionDraft (an artifactHash must name a file already in the store). Multipart: an 'artifact' "
                + "file part (weights, tokenizer, config bundle) and an optional 'metadata' part holding the VersionDraft as JSON; "
                + "the artifact is stored by its SHA-256 and the version registered in one step, or neither.");
        versions.MapPost("/{number:int}/stage", ChangeStage).RequireAuthorization(Policies.CanEditRegistry);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ModelVersion>>> List(string name, ModelRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await registry.ListVersionsAsync(name, ct));

    private static async Task<Ok<ModelVersion>> Get(string name, int number, ModelRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await registry.GetVersionAsync(name, number, ct)
            ?? throw DomainException.NotFound($"Model '{name}' has no version {number}."));

    private static async Task<CreatedAtRoute<ModelVersion>> Register(
        string name, HttpRequest request, ModelRegistry registry, UploadLimits limits, IOptions<JsonOptions> json, ClaimsPrincipal user, CancellationToken ct)
    {
        ModelVersion version;
        if (request.HasFormContentType)
        {
            const string what = "artifact";
            var max = limits.MaxArtifactBytes;
            Uploads.AllowBody(request, max, what);
            var form = await Uploads.ReadFormAsync(request, max, what, ct);
            var file = Uploads.RequireFile(form, "artifact", max, what);
            var metadata = form["metadata"].ToString();
            var draft = metadata.Length == 0
                ? new VersionDraft()
                : ApiInput.Require(JsonSerializer.Deserialize<VersionDraft>(metadata, json.Value.SerializerOptions));
            if (draft.ArtifactHash is not null)
            {
                throw DomainException.Invalid("Field 'artifactHash' is computed from the uploaded artifact; leave it out of 'metadata'.");
            }
            await using var content = new LimitedReadStream(file.OpenReadStream(), max, what);
            version = await registry.RegisterVersionWithArtifactAsync(name, draft, content, max, user.ToActor(), ct);
        }
        else
        {
            var draft = ApiInput.Require(await request.ReadFromJsonAsync<VersionDraft>(json.Value.SerializerOptions, ct));
            version = await registry.RegisterVersionAsync(name, draft, user.ToActor(), ct);
        }
        return TypedResults.CreatedAtRoute(version, "GetModelVersion", new { name, number = version.Number });
    }

    private static async Task<FileStreamHttpResult> DownloadArtifact(string name, int number, ModelRegistry registry, ArtifactStore artifacts, CancellationToken ct)
    {
        var version = await registry.GetVersionAsync(name, number, ct)
            ?? throw DomainException.NotFound($"Model '{name}' has no version {number}.");
        var hash = version.ArtifactHash ?? throw DomainException.NotFound($"Version {number} of '{name}' has no artifact.");
        return TypedResults.Stream(artifacts.OpenRead(hash), "application/octet-stream", $"{name}-v{number}-{hash[..12]}.bin");
    }

    private static async Task<Ok<ModelVersion>> ChangeStage(
        string name, int number, StageChange change, ModelRegistry registry, ClaimsPrincipal user, CancellationToken ct)
    {
        change = ApiInput.Require(change);
        if (change.Stage is not { } stage)
        {
            throw DomainException.Invalid($"Field 'stage' is required: one of {string.Join(", ", Enum.GetNames<ModelStage>())}.");
        }
        StageTransitions.RequireManualTarget(stage);
        return TypedResults.Ok(await registry.ChangeStageAsync(name, number, stage, change.Reason ?? "", user.ToActor(), ct));
    }
}

/// <summary>Body of a stage change: the target stage and why.</summary>
internal sealed record StageChange(ModelStage? Stage, string? Reason);
