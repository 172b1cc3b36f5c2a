using Governance.TestSupport;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.Loop;

/// <summary>The loop host on a throwaway PostgreSQL server (the Quartz store there too), with the tiny training spec.</summary>
public sealed class LoopPostgresFixture : AppFixture
{
    private readonly TempDirectory _dir = new();
    private PostgresServer? _server;

    public override string DatabaseName => "PostgreSQL";

    public override string Directory => _dir.Path;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        _server = await PostgresServer.StartAsync();
        var settings = LoopAppFixture.LoopSettings(GovernanceApp.SqliteSettings(_dir.Path), _dir.Path);
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
