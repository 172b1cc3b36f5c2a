using System.Security.Claims;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/users: user administration (Admin only); every change is audited.</summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", List);
        users.MapPost("/", Create);
        users.MapPut("/{userName}/roles", SetRoles);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<UserSummary>>> List(UserAccounts accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ListAsync(ct));

    private static async Task<Created<UserSummary>> Create(NewUser request, UserAccounts accounts, ClaimsPrincipal user, CancellationToken ct)
    {
        request = ApiInput.Require(request);
        var created = await accounts.CreateAsync(request.UserName ?? "", request.Password ?? "", request.Roles ?? [], user.ToActor(), ct);
        return TypedResults.Created($"/api/v1/users/{created.UserName}", created);
    }

    private static async Task<Ok<UserSummary>> SetRoles(string userName, RoleAssignment request, UserAccounts accounts, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await accounts.SetRolesAsync(userName, ApiInput.Require(request).Roles ?? [], user.ToActor(), ct));
}

/// <summary>Body of a new user: name, initial password, roles.</summary>
internal sealed record NewUser(string? UserName, string? Password, IReadOnlyList<string>? Roles);

/// <summary>Body of a role change: the complete set of roles the user should hold.</summary>
internal sealed record RoleAssignment(IReadOnlyList<string>? Roles);
