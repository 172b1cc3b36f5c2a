using System.Security.Claims;
using Governance.Domain;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/models/{name}: release policy (versioned), a version's evidence, rollback.</summary>
internal static class ReleasesEndpoints
{
    public static RouteGroupBuilder MapReleases(this RouteGroupBuilder api)
    {
        var releases = api.MapGroup("/models/{name}").WithTags("Releases");
        releases.MapGet("/policy", GetPolicy).RequireAuthorization(Policies.CanRead)
            .WithDescription("The model's newest release policy (the default when none was set) with its version.");
        releases.MapPut("/policy", SetPolicy).RequireAuthorization(Policies.CanEditRegistry)
            .WithDescription("Stores a new, validated version of the release policy (its version is the next number; any version in the body is ignored).");
        releases.MapGet("/versions/{number:int}/evidence", Evidence).RequireAuthorization(Policies.CanRead)
            .WithDescription("The version's evaluation, bias report, gate results and approval request.");
        releases.MapPost("/versions/{number:int}/rollback", RollBack).RequireAuthorization(Policies.CanEditRegistry)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Puts a previously approved, archived version back into production (audited); needs a reason.");
        return api;
    }

    private static async Task<Ok<PolicyView>> GetPolicy(string name, LoopReads reads, LoopStore store, CancellationToken ct)
    {
        var model = await reads.RequireModelAsync(name, ct);
        return TypedResults.Ok(new PolicyView(name, await store.PolicyAsync(model.Id, ct)));
    }

    private static async Task<Ok<PolicyView>> SetPolicy(string name, ReleasePolicy body, SetReleasePolicy set, ClaimsPrincipal user, CancellationToken ct)
    {
        body = ApiInput.Require(body);
        try
        {
            body.Validate();
        }
        catch (ArgumentException e)
        {
            throw DomainException.Invalid(e.Message);
        }
        var row = await set.RunAsync(name, body, user.ToActor(), ct);
        return TypedResults.Ok(new PolicyView(name, row.ToPolicy()));
    }

    private static async Task<Ok<VersionEvidence>> Evidence(string name, int number, LoopReads reads, CancellationToken ct) =>
        TypedResults.Ok(await reads.EvidenceAsync(name, number, ct));

    private static async Task<Ok<ModelVersion>> RollBack(string name, int number, RollbackRequest body, Rollback rollback, ClaimsPrincipal user, CancellationToken ct)
    {
        body = ApiInput.Require(body);
        return TypedResults.Ok(await rollback.RunAsync(name, number, body.Reason ?? "", user.ToActor(), ct));
    }
}

/// <summary>A model's release policy; <see cref="ReleasePolicy.Version"/> is its number.</summary>
internal sealed record PolicyView(string Model, ReleasePolicy Policy);

/// <summary>Body of a rollback: why.</summary>
internal sealed record RollbackRequest(string? Reason);
