using Governance.TestSupport;

namespace Governance.Data.Tests.Infrastructure;

/// <summary>
/// Base of tests that run on both databases: a subclass per provider supplies the server. Each test
/// gets a fresh, migrated database.
/// </summary>
public abstract class DatabaseTestBase(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    private TestDatabase? _db;

    protected DatabaseProvider Provider { get; } = provider;
    protected PostgresServer? Postgres { get; } = postgres;
    protected TestDatabase Db => _db ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Whether the database is created and migrated before each test.</summary>
    protected virtual bool Migrate => true;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(Provider, Postgres, Migrate);

    public async Task DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
