using Governance.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.EndToEnd.Tests.Evidence;

/// <summary>
/// The portal on Kestrel (as <see cref="PortalHost"/>) with the loop's training made small:
/// a one-layer encoder on 32 tokens, so a retrain of the SpamAssassin demo model finishes in well under a minute.
/// </summary>
public sealed class EvidencePortalHost : WebApplicationFactory<Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "governance-e2e-evidence-" + Guid.NewGuid().ToString("N"));

    public EvidencePortalHost()
    {
        Directory.CreateDirectory(_root);
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

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
        foreach (var (key, value) in PortalHost.Settings(_root, null))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Loop:WorkDirectory", Path.Combine(_root, "work"));
        builder.UseSetting("Loop:BootstrapResamples", "200");
        builder.UseSetting("Loop:DefaultTraining:VocabSize", "400");
        builder.UseSetting("Loop:DefaultTraining:MaxLength", "32");
        builder.UseSetting("Loop:DefaultTraining:HiddenSize", "32");
        builder.UseSetting("Loop:DefaultTraining:Layers", "1");
        builder.UseSetting("Loop:DefaultTraining:Heads", "2");
        builder.UseSetting("Loop:DefaultTraining:IntermediateSize", "64");
        builder.UseSetting("Loop:DefaultTraining:Epochs", "2");
        builder.UseSetting("Loop:DefaultTraining:BatchSize", "32");
        builder.UseSetting("Loop:DefaultTraining:LearningRate", "0.002");
        builder.UseSetting("Loop:DefaultTraining:CheckpointEverySteps", "20");
        builder.UseSetting("Scheduler:IdleWaitTime", "00:00:01");
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
