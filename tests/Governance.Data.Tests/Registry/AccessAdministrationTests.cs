using Governance.Data.Access;
using Governance.Data.Tests.Infrastructure;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Registry;

public abstract class AccessAdministrationTests(DatabaseProvider provider, PostgresServer? postgres) : RegistryTestBase(provider, postgres)
{
    private async Task<T> AccessAsync<T>(Func<AccessAdministration, Task<T>> use)
    {
        await using var scope = Db.Scope();
        return await use(scope.ServiceProvider.GetRequiredService<AccessAdministration>());
    }

    [Fact]
    public async Task An_issued_token_is_found_by_its_secret_until_revoked()
    {
        var issued = await AccessAsync(a => a.IssueTokenAsync("ci-bot", "alice", Roles.MLEngineer, DateTimeOffset.UtcNow.AddDays(30), Alice));

        var found = await AccessAsync(a => a.FindActiveTokenAsync(issued.Secret));
        await AccessAsync(a => a.RevokeTokenAsync(issued.Token.Id, Alice));
        var afterRevoke = await AccessAsync(a => a.FindActiveTokenAsync(issued.Secret));

        Assert.Equal(issued.Token.Id, found?.Id);
        Assert.Equal(Roles.MLEngineer, found!.Role);
        Assert.Null(afterRevoke);
        Assert.Null(await AccessAsync(a => a.FindActiveTokenAsync(issued.Secret + "x")));
        var events = await AuditEventsAsync();
        Assert.Equal([AuditActions.TokenIssued, AuditActions.TokenRevoked], events.Select(e => e.Action));
        Assert.DoesNotContain(issued.Secret, events[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_twice_or_an_unknown_token_fails()
    {
        var issued = await AccessAsync(a => a.IssueTokenAsync("ci-bot", "alice", Roles.Viewer, null, Alice));
        await AccessAsync(a => a.RevokeTokenAsync(issued.Token.Id, Alice));

        var twice = await Assert.ThrowsAsync<DomainException>(() => AccessAsync(a => a.RevokeTokenAsync(issued.Token.Id, Alice)));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => AccessAsync(a => a.RevokeTokenAsync(Guid.NewGuid(), Alice)));

        Assert.Equal(DomainErrorKind.Conflict, twice.Kind);
        Assert.Equal(DomainErrorKind.NotFound, unknown.Kind);
        Assert.Equal(2, (await AuditEventsAsync()).Count);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessAdministrationTests(PostgresFixture fixture) : AccessAdministrationTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteAccessAdministrationTests() : AccessAdministrationTests(DatabaseProvider.Sqlite, null);
