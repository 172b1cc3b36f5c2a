using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Identity;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Auth;

/// <summary>Creating users and changing their roles, each in one transaction with its audit event.</summary>
public sealed class UserAccounts(UserManager<GovernanceUser> users, GovernanceDbContext db, AuditTrail audit, TimeProvider time)
{
    /// <summary>Creates a user with the given roles; Invalid for a bad name, password or role, Conflict for a taken name.</summary>
    public async Task<UserSummary> CreateAsync(string userName, string password, IReadOnlyCollection<string> roles, Actor actor, CancellationToken ct)
    {
        RequireKnownRoles(roles);
        await using var transaction = await db.BeginWriteAsync(ct);
        var user = new GovernanceUser { UserName = userName, CreatedAt = time.GetUtcNow() };
        Require(await users.CreateAsync(user, password), userName);
        Require(await users.AddToRolesAsync(user, roles), userName);
        var sorted = roles.Order(StringComparer.Ordinal).ToList();
        await audit.AppendAsync(
            new AuditEntry(actor, AuditActions.UserCreated, "user", userName, JsonSerializer.Serialize(new { userName, roles = sorted })), ct);
        await transaction.CommitAsync(ct);
        return new UserSummary(userName, sorted, false);
    }

    /// <summary>Replaces a user's roles; the audit payload has the roles before and after.</summary>
    public async Task<UserSummary> SetRolesAsync(string userName, IReadOnlyCollection<string> roles, Actor actor, CancellationToken ct)
    {
        RequireKnownRoles(roles);
        await using var transaction = await db.BeginWriteAsync(ct);
        var user = await users.FindByNameAsync(userName) ?? throw DomainException.NotFound($"There is no user '{userName}'.");
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var after = roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (before.Contains(Roles.Admin) && !after.Contains(Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            throw DomainException.Conflict($"'{userName}' is the last Admin; make someone else Admin first.");
        }
        Require(await users.RemoveFromRolesAsync(user, before.Except(after)), userName);
        Require(await users.AddToRolesAsync(user, after.Except(before)), userName);
        await audit.AppendAsync(
            new AuditEntry(actor, AuditActions.UserRolesChanged, "user", userName, JsonSerializer.Serialize(new { before, after })), ct);
        await transaction.CommitAsync(ct);
        return new UserSummary(userName, after, await users.IsLockedOutAsync(user));
    }

    /// <summary>All users with their roles, by name.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct)
    {
        var list = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var result = new List<UserSummary>(list.Count);
        foreach (var user in list)
        {
            var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            result.Add(new UserSummary(user.UserName!, roles, await users.IsLockedOutAsync(user)));
        }
        return result;
    }

    private static void RequireKnownRoles(IReadOnlyCollection<string> roles)
    {
        var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid($"Unknown role(s) {string.Join(", ", unknown)}. Known roles: {string.Join(", ", Roles.All)}.");
        }
    }

    private static void Require(IdentityResult result, string userName)
    {
        if (result.Succeeded)
        {
            return;
        }
        var message = string.Join(" ", result.Errors.Select(e => e.Description));
        throw result.Errors.Any(e => e.Code is "DuplicateUserName")
            ? DomainException.Conflict($"User name '{userName}' is already taken.")
            : DomainException.Invalid(message);
    }
}

/// <summary>A user as the API shows it.</summary>
public sealed record UserSummary(string UserName, IReadOnlyList<string> Roles, bool LockedOut);
