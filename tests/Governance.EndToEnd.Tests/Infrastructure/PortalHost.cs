using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real portal on Kestrel at a free loopback port (TestServer cannot serve a browser), with its
/// own database (a SQLite file in a temp directory, or a given PostgreSQL database) and a known admin
/// password, torn down after the tests.
/// </summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    private readonly string? _postgres;
    private readonly Func<string, IEnumerable<(string Key, string Value)>>? _extraSettings;

    public const string AdminUserName = "admin";
    public const string AdminPassword = "E2e-Admin-Passw0rd!";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "governance-e2e-" + Guid.NewGuid().ToString("N"));

    /// <param name="postgresConnectionString">Null for the embedded SQLite default.</param>
    /// <param name="extraSettings">More settings, applied last, from the host's temp folder (the loop's, see <see cref="LoopPortalSettings"/>).</param>
    public PortalHost(string? postgresConnectionString = null, Func<string, IEnumerable<(string Key, string Value)>>? extraSettings = null)
    {
        _postgres = postgresConnectionString;
        _extraSettings = extraSettings;
        Directory.CreateDirectory(_root);
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    /// <summary>The address Kestrel bound, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First().TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings(_root, _postgres).Concat(_extraSettings?.Invoke(_root) ?? []))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Configuration the host reads: the database and the first admin's password.</summary>
    internal static IEnumerable<(string Key, string Value)> Settings(string root, string? postgres)
    {
        if (postgres is null)
        {
            yield return ("Database:Provider", "Sqlite");
            yield return ("ConnectionStrings:Governance", $"Data Source={Path.Combine(root, "governance.db")}");
        }
        else
        {
            yield return ("Database:Provider", "Postgres");
            yield return ("ConnectionStrings:Governance", postgres);
        }
        yield return ("Governance:Admin:Password", AdminPassword);
        yield return ("Artifacts:Root", Path.Combine(root, "artifacts"));
        // Request and SQL logs would drown the test output; warnings and errors still show.
        yield return ("Logging:LogLevel:Default", "Warning");
        yield return ("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        yield return ("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Warning");
        yield return ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a late finaliser is left to the OS temp cleaner.
            }
        }
    }
}
