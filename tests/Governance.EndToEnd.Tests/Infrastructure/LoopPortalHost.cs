using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real portal on Kestrel as one node that is both web and worker (the scheduler runs in-process), on a
/// temp-directory SQLite database, with a tiny default training spec so a retrain of a few hundred mails
/// finishes in seconds on two cores, and quick scheduler polling.
/// </summary>
public sealed class LoopPortalHost : WebApplicationFactory<Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "governance-e2e-loop-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _overrides;

    /// <param name="overrides">Settings applied after the loop's own (a larger model for real mail, say).</param>
    public LoopPortalHost(IReadOnlyDictionary<string, string>? overrides = null)
    {
        _overrides = overrides ?? new Dictionary<string, string>();
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
        foreach (var (key, value) in PortalHost.Settings(_root, null).Concat(LoopSettings(_root)))
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in _overrides)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// The loop's settings: web and worker in this process, a tiny model (one layer, 32 wide, vocabulary of
    /// 150, three epochs), few bootstrap resamples, and a scheduler that notices new runs within a second.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> LoopSettings(string root)
    {
        yield return ("Node:Roles", "web,worker");
        yield return ("Node:Name", "e2e-loop");
        yield return ("Loop:WorkDirectory", Path.Combine(root, "work"));
        yield return ("Loop:BootstrapResamples", "200");
        yield return ("Loop:MinimumGroupSize", "10");
        yield return ("Loop:DefaultTraining:VocabSize", "150");
        yield return ("Loop:DefaultTraining:MaxLength", "24");
        yield return ("Loop:DefaultTraining:HiddenSize", "32");
        yield return ("Loop:DefaultTraining:Layers", "1");
        yield return ("Loop:DefaultTraining:Heads", "2");
        yield return ("Loop:DefaultTraining:IntermediateSize", "64");
        yield return ("Loop:DefaultTraining:Epochs", "3");
        yield return ("Loop:DefaultTraining:BatchSize", "16");
        yield return ("Loop:DefaultTraining:LearningRate", (2e-3).ToString(CultureInfo.InvariantCulture));
        yield return ("Loop:DefaultTraining:CheckpointEverySteps", "10");
        yield return ("Scheduler:IdleWaitTime", "00:00:01");
        yield return ("Scheduler:CancelPollInterval", "00:00:00.2");
        yield return ("Scheduler:ProgressWriteInterval", "00:00:00.5");
        yield return ("Governance:DataProtection:KeysPath", Path.Combine(root, "keys"));
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
