using Governance.Data.Identity;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data.Access;

/// <summary>
/// Creates users and changes their roles through ASP.NET Core Identity, each change audited in the
/// same transaction (Identity's stores save through this scope's <see cref="GovernanceDbContext"/>).
/// Needs the host to register Identity, e.g.
/// <c>AddIdentityCore&lt;GovernanceUser&gt;().AddRoles&lt;IdentityRole&gt;().AddEntityFrameworkStores&lt;GovernanceDbContext&gt;()</c>.
/// </summary>
public sealed class UserAdministration(
    GovernanceDbContext db,
    UserManager<GovernanceUser> users,
    RoleManager<IdentityRole> roles,
    Audit.AuditTrail audit,
    TimeProvider time)
{
    public const string UserSubject = "user";

    /// <summary>Creates a user with a password and roles. Identity's password and name rules apply (Invalid).</summary>
    public Task<GovernanceUser> CreateUserAsync(
        string userName, string displayName, string? email, string password, IReadOnlyList<string> userRoles, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userRoles);
        ArgumentNullException.ThrowIfNull(actor);
        RequireKnownRoles(userRoles);
        return WriteScope.RunAsync(db, $"A user named '{userName}' already exists.", async () =>
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                throw DomainException.Conflict($"A user named '{userName}' already exists.");
            }
            var user = new GovernanceUser
            {
                UserName = userName,
                Email = email,
                DisplayName = Domain.Registry.Names.RequireText(displayName, "Display name", 200, required: false),
                CreatedAt = time.GetUtcNow(),
            };
            Check(await users.CreateAsync(user, password));
            await EnsureRolesAsync(userRoles);
            Check(await users.AddToRolesAsync(user, userRoles.Distinct(StringComparer.Ordinal)));
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.UserCreated, UserSubject, userName,
                AuditPayload.Of(new { userName, displayName = user.DisplayName, email, roles = userRoles.Order(StringComparer.Ordinal) })), ct);
            return user;
        }, ct);
    }

    /// <summary>Replaces a user's roles; records before and after.</summary>
    public Task<IReadOnlyList<string>> SetRolesAsync(string userName, IReadOnlyList<string> userRoles, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userRoles);
        ArgumentNullException.ThrowIfNull(actor);
        RequireKnownRoles(userRoles);
        return WriteScope.RunAsync(db, $"User '{userName}' was changed concurrently; try again.", async () =>
        {
            var user = await users.FindByNameAsync(userName) ?? throw DomainException.NotFound($"User '{userName}' does not exist.");
            var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            var after = userRoles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (before.SequenceEqual(after))
            {
                return (IReadOnlyList<string>)after;
            }
            await EnsureRolesAsync(after);
            Check(await users.RemoveFromRolesAsync(user, before.Except(after)));
            Check(await users.AddToRolesAsync(user, after.Except(before)));
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.UserRolesChanged, UserSubject, userName,
                AuditPayload.Of(new { userName, before, after })), ct);
            return (IReadOnlyList<string>)after;
        }, ct);
    }

    /// <summary>Whether any user exists (the host creates the first admin when none does).</summary>
    public Task<bool> AnyUserAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    /// <summary>All users by user name, with their roles.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken ct = default)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               select new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roleNames.ToLookup(x => x.UserId, x => x.Name!);
        var now = time.GetUtcNow();
        return all.Select(u => new UserSummary(u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.CreatedAt,
            byUser[u.Id].Order(StringComparer.Ordinal).ToList(), u.LockoutEnd is { } end && end > now)).ToList();
    }

    private async Task EnsureRolesAsync(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                Check(await roles.CreateAsync(new IdentityRole(name)));
            }
        }
    }

    private static void RequireKnownRoles(IReadOnlyList<string> userRoles)
    {
        var unknown = userRoles.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid($"Unknown role(s) {string.Join(", ", unknown)}. Known roles: {string.Join(", ", Roles.All)}.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw DomainException.Invalid(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
