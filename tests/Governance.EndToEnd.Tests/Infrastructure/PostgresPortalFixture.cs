using Governance.TestSupport;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>The same seeded portal on a throwaway PostgreSQL server (Debian binaries), the system of record.</summary>
public sealed class PostgresPortalFixture : PortalFixture
{
    private PostgresServer? _server;

    public override string ScreenshotPrefix => "pg-";

    protected override async Task<PortalHost> CreateHostAsync()
    {
        _server = await PostgresServer.StartAsync();
        return new PortalHost(await _server.CreateDatabaseAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
