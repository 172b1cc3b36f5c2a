using System.Text.Json;
using Governance.Data.Access;
using Governance.Data.Identity;
using Governance.Data.Tests.Infrastructure;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Registry;

public abstract class UserAdministrationTests(DatabaseProvider provider, PostgresServer? postgres) : RegistryTestBase(provider, postgres)
{
    private const string Password = "Correct-horse-42";

    private async Task<T> UsersAsync<T>(Func<UserAdministration, Task<T>> use)
    {
        await using var scope = Db.Scope();
        return await use(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    [Fact]
    public async Task A_created_user_can_sign_in_with_its_password_and_holds_its_roles()
    {
        Assert.False(await UsersAsync(u => u.AnyUserAsync()));

        await UsersAsync(u => u.CreateUserAsync("admin", "First Admin", "admin@example.org", Password, [Roles.Admin], Actor.System));

        await using (var scope = Db.Scope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<GovernanceUser>>();
            var user = await manager.FindByNameAsync("admin");
            Assert.NotNull(user);
            Assert.True(await manager.CheckPasswordAsync(user, Password));
            Assert.True(await manager.IsInRoleAsync(user, Roles.Admin));
        }
        var summary = Assert.Single(await UsersAsync(u => u.ListUsersAsync()));
        Assert.Equal(("admin", "First Admin"), (summary.UserName, summary.DisplayName));
        Assert.Equal([Roles.Admin], summary.Roles);
        var e = Assert.Single(await AuditEventsAsync());
        Assert.Equal((AuditActions.UserCreated, "system:system", "admin"), (e.Action, e.Actor, e.SubjectId));
        Assert.DoesNotContain(Password, e.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_changes_record_before_and_after()
    {
        await UsersAsync(u => u.CreateUserAsync("bob", "Bob", null, Password, [Roles.Viewer], Alice));

        var roles = await UsersAsync(u => u.SetRolesAsync("bob", [Roles.MLEngineer, Roles.ComplianceOfficer], Alice));

        Assert.Equal([Roles.ComplianceOfficer, Roles.MLEngineer], roles);
        var e = (await AuditEventsAsync())[^1];
        Assert.Equal(AuditActions.UserRolesChanged, e.Action);
        using var payload = JsonDocument.Parse(e.Payload);
        Assert.Equal([Roles.Viewer], payload.RootElement.GetProperty("before").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(roles, (await UsersAsync(u => u.ListUsersAsync())).Single().Roles);
    }

    [Fact]
    public async Task Bad_requests_change_nothing()
    {
        await UsersAsync(u => u.CreateUserAsync("bob", "Bob", null, Password, [Roles.Viewer], Alice));

        var weak = await Assert.ThrowsAsync<DomainException>(() => UsersAsync(u => u.CreateUserAsync("carol", "Carol", null, "short", [Roles.Viewer], Alice)));
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => UsersAsync(u => u.CreateUserAsync("bob", "Bob", null, Password, [Roles.Viewer], Alice)));
        var role = await Assert.ThrowsAsync<DomainException>(() => UsersAsync(u => u.SetRolesAsync("bob", ["Root"], Alice)));
        var missing = await Assert.ThrowsAsync<DomainException>(() => UsersAsync(u => u.SetRolesAsync("nobody", [Roles.Viewer], Alice)));

        Assert.Equal(
            [DomainErrorKind.Invalid, DomainErrorKind.Conflict, DomainErrorKind.Invalid, DomainErrorKind.NotFound],
            new[] { weak, duplicate, role, missing }.Select(e => e.Kind));
        Assert.Single(await UsersAsync(u => u.ListUsersAsync()));
        Assert.Single(await AuditEventsAsync());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresUserAdministrationTests(PostgresFixture fixture) : UserAdministrationTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteUserAdministrationTests() : UserAdministrationTests(DatabaseProvider.Sqlite, null);
