namespace Governance.Web.Tests.Infrastructure;

/// <summary>A running app for one test class; which database it runs on is up to the subclass.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    public GovernanceApp App { get; private set; } = null!;

    public abstract string DatabaseName { get; }

    /// <summary>Temp folder of the app's artifacts and keys (and SQLite file).</summary>
    public abstract string Directory { get; }

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync()
    {
        App = new GovernanceApp(await SettingsAsync());
        _ = App.Server; // start: migrate and create the admin now, not inside the first test
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>SQLite in a temp directory of its own.</summary>
public sealed class SqliteAppFixture : AppFixture
{
    private readonly TempDirectory _dir = new();

    public override string DatabaseName => "SQLite";

    public override string Directory => _dir.Path;

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(GovernanceApp.SqliteSettings(_dir.Path));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

/// <summary>A throwaway PostgreSQL server (Debian binaries) with one database for the class.</summary>
public sealed class PostgresAppFixture : AppFixture
{
    private readonly TempDirectory _dir = new();
    private Governance.TestSupport.PostgresServer? _server;

    public override string DatabaseName => "PostgreSQL";

    public override string Directory => _dir.Path;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        _server = await Governance.TestSupport.PostgresServer.StartAsync();
        var settings = GovernanceApp.SqliteSettings(_dir.Path);
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Governance"] = await _server.CreateDatabaseAsync();
        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _dir.Dispose();
    }
}
