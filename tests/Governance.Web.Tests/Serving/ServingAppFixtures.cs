using Governance.TestSupport;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;

namespace Governance.Web.Tests.Serving;

/// <summary>The loop host with serving settings a test can reach: small limits, a production check on every request.</summary>
public static class ServingSettings
{
    public const int MaxBatchSize = 8;
    public const int MaxTextLength = 2000;

    public static Dictionary<string, string?> Add(Dictionary<string, string?> settings)
    {
        settings["Serving:ProductionCheckInterval"] = "00:00:00";
        settings["Serving:MaxBatchSize"] = MaxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Serving:MaxTextLength"] = MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>Serving on SQLite.</summary>
public sealed class ServingAppFixture : AppFixture
{
    private readonly TempDirectory _dir = new();

    public override string DatabaseName => "SQLite";

    public override string Directory => _dir.Path;

    protected override Task<Dictionary<string, string?>> SettingsAsync() =>
        Task.FromResult(ServingSettings.Add(LoopAppFixture.LoopSettings(GovernanceApp.SqliteSettings(_dir.Path), _dir.Path)));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

/// <summary>Serving on a throwaway PostgreSQL server.</summary>
public sealed class ServingPostgresFixture : AppFixture
{
    private readonly TempDirectory _dir = new();
    private PostgresServer? _server;

    public override string DatabaseName => "PostgreSQL";

    public override string Directory => _dir.Path;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        _server = await PostgresServer.StartAsync();
        var settings = ServingSettings.Add(LoopAppFixture.LoopSettings(GovernanceApp.SqliteSettings(_dir.Path), _dir.Path));
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
