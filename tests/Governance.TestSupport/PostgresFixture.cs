using Xunit;

namespace Governance.TestSupport;

/// <summary>
/// One throwaway PostgreSQL server shared by the test classes of an xunit collection; each test
/// assembly declares its own collection over it (collection definitions must live in the test assembly).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
