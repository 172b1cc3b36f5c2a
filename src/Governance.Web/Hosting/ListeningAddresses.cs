using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Governance.Web.Hosting;

/// <summary>Prints where the portal can be reached once the server has bound its addresses.</summary>
internal static class ListeningAddresses
{
    public static void PrintWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var console = app.Services.GetRequiredService<OperatorConsole>().Out;
            foreach (var address in addresses)
            {
                console.WriteLine($"Governance portal listening on {address}");
            }
        });
    }
}
