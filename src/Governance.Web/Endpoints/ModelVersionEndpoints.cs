using System.Security.Claims;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Registry;
using Governance.Web.Auth;
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
        versions.MapPost("/", Register).RequireAuthorization(Policies.CanEditRegistry);
        versions.MapPost("/{number:int}/stage", ChangeStage).RequireAuthorization(Policies.CanEditRegistry);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ModelVersion>>> List(string name, ModelRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await registry.ListVersionsAsync(name, ct));

    private static async Task<Ok<ModelVersion>> Get(string name, int number, ModelRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await registry.GetVersionAsync(name, number, ct)
            ?? throw DomainException.NotFound($"Model '{name}' has no version {number}."));

    private static async Task<CreatedAtRoute<ModelVersion>> Register(
        string name, VersionDraft draft, ModelRegistry registry, ClaimsPrincipal user, CancellationToken ct)
    {
        var version = await registry.RegisterVersionAsync(name, ApiInput.Require(draft), user.ToActor(), ct);
        return TypedResults.CreatedAtRoute(version, "GetModelVersion", new { name, number = version.Number });
    }

    private static async Task<Ok<ModelVersion>> ChangeStage(
        string name, int number, StageChange change, ModelRegistry registry, ClaimsPrincipal user, CancellationToken ct)
    {
        change = ApiInput.Require(change);
        if (change.Stage is not { } stage)
        {
            throw DomainException.Invalid($"Field 'stage' is required: one of {string.Join(", ", Enum.GetNames<ModelStage>())}.");
        }
        return TypedResults.Ok(await registry.ChangeStageAsync(name, number, stage, change.Reason ?? "", user.ToActor(), ct));
    }
}

/// <summary>Body of a stage change: the target stage and why.</summary>
internal sealed record StageChange(ModelStage? Stage, string? Reason);
