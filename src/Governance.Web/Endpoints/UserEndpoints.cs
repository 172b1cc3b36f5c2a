using System.Security.Claims;
using Governance.Data.Access;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/users: user administration (Admin only) through <see cref="UserAdministration"/>; every change is audited.</summary>
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

    private static async Task<Ok<IReadOnlyList<UserSummary>>> List(UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListUsersAsync(ct));

    private static async Task<Created<UserSummary>> Create(NewUser request, UserAdministration users, ClaimsPrincipal user, CancellationToken ct)
    {
        request = ApiInput.Require(request);
        var created = await users.CreateUserAsync(
            request.UserName ?? "", request.DisplayName ?? "", request.Email, request.Password ?? "", request.Roles ?? [], user.ToActor(), ct);
        return TypedResults.Created($"/api/v1/users/{created.UserName}", await SummaryAsync(users, created.UserName!, ct));
    }

    /// <summary>Replaces the roles; refuses to take Admin from the last Admin, which would leave nobody to administer users.</summary>
    private static async Task<Ok<UserSummary>> SetRoles(string userName, RoleAssignment request, UserAdministration users, ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = ApiInput.Require(request).Roles ?? [];
        var all = await users.ListUsersAsync(ct);
        var target = all.FirstOrDefault(u => u.UserName == userName) ?? throw DomainException.NotFound($"User '{userName}' does not exist.");
        if (target.Roles.Contains(Roles.Admin) && !roles.Contains(Roles.Admin) && all.Count(u => u.Roles.Contains(Roles.Admin)) <= 1)
        {
            throw DomainException.Conflict($"'{userName}' is the last Admin; make someone else Admin first.");
        }
        await users.SetRolesAsync(userName, roles, user.ToActor(), ct);
        return TypedResults.Ok(await SummaryAsync(users, userName, ct));
    }

    private static async Task<UserSummary> SummaryAsync(UserAdministration users, string userName, CancellationToken ct) =>
        (await users.ListUsersAsync(ct)).Single(u => u.UserName == userName);
}

/// <summary>Body of a new user: name, initial password, roles, optionally a display name and e-mail.</summary>
internal sealed record NewUser(string? UserName, string? Password, IReadOnlyList<string>? Roles, string? DisplayName = null, string? Email = null);

/// <summary>Body of a role change: the complete set of roles the user should hold.</summary>
internal sealed record RoleAssignment(IReadOnlyList<string>? Roles);
