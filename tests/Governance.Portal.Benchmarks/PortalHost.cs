using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Portal.Benchmarks;

/// <summary>The real host on Kestrel at a free 127.0.0.1 port, on the given PostgreSQL database, logging warnings only.</summary>
internal sealed class PortalHost : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Bench-Admin-Passw0rd!";
    private readonly string _connection;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "governance-bench-" + Guid.NewGuid().ToString("N")[..8]);

    public PortalHost(string connection)
    {
        _connection = connection;
        // An exe gets no test manifest from Mvc.Testing: point the factory at the web project's folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GOVERNANCE_WEB", WebProjectFolder());
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First().TrimEnd('/') + "/");
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Governance.Web");
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (Governance.sln not found above " + AppContext.BaseDirectory + ").");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Governance", _connection);
        builder.UseSetting("Governance:Admin:Password", AdminPassword);
        builder.UseSetting("Artifacts:Root", Path.Combine(_root, "artifacts"));
        builder.UseSetting("Governance:DataProtection:KeysPath", Path.Combine(_root, "keys"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
