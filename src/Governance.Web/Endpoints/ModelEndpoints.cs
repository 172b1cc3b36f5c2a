using System.Security.Claims;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Registry;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/models: governed use cases.</summary>
internal static class ModelEndpoints
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("/", List).RequireAuthorization(Policies.CanRead);
        models.MapGet("/{name}", Get).RequireAuthorization(Policies.CanRead).WithName("GetModel");
        models.MapPost("/", Create).RequireAuthorization(Policies.CanEditRegistry);
        models.MapPut("/{name}", Update).RequireAuthorization(Policies.CanEditRegistry);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ModelSummary>>> List(ModelRegistry registry, string? search, CancellationToken ct) =>
        TypedResults.Ok(await registry.ListModelsAsync(search, ct));

    private static async Task<Ok<Model>> Get(string name, ModelRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await registry.GetModelAsync(name, ct) ?? throw DomainException.NotFound($"Model '{name}' does not exist."));

    private static async Task<CreatedAtRoute<Model>> Create(ModelDraft draft, ModelRegistry registry, ClaimsPrincipal user, CancellationToken ct)
    {
        var model = await registry.RegisterModelAsync(ApiInput.Require(draft), user.ToActor(), ct);
        return TypedResults.CreatedAtRoute(model, "GetModel", new { name = model.Name });
    }

    /// <summary>The name is the model's identity: taken from the route when the body leaves it out, refused when it differs.</summary>
    private static async Task<Ok<Model>> Update(string name, ModelDraft draft, ModelRegistry registry, ClaimsPrincipal user, CancellationToken ct)
    {
        draft = ApiInput.Require(draft);
        if (await registry.GetModelAsync(name, ct) is null)
        {
            throw DomainException.NotFound($"Model '{name}' does not exist.");
        }
        var named = string.IsNullOrEmpty(draft.Name) ? draft with { Name = name } : draft;
        if (named.Name != name)
        {
            throw DomainException.Invalid($"The body's name '{named.Name}' differs from the model '{name}' in the URL; a model's name cannot change.");
        }
        return TypedResults.Ok(await registry.UpdateModelAsync(named, user.ToActor(), ct));
    }
}
