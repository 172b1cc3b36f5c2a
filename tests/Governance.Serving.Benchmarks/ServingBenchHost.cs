using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Serving.Benchmarks;

/// <summary>The real host on Kestrel at a free 127.0.0.1 port, web role only (no scheduler work competing), logging warnings only.</summary>
internal sealed class ServingBenchHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public ServingBenchHost(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        // An exe gets no test manifest from Mvc.Testing: point the factory at the web project's folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GOVERNANCE_WEB", Path.Combine(RepositoryRoot(), "src", "Governance.Web"));
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First().TrimEnd('/') + "/");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (Governance.sln not found above " + AppContext.BaseDirectory + ").");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
