using Governance.Data.Migrations;
using Governance.Web.Auth;

namespace Governance.Web.Hosting;

/// <summary>At start-up: apply migrations (the migrator serialises nodes), then seed roles and the first admin.</summary>
internal static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        if (applied.Count > 0)
        {
            app.Logger.LogInformation("Applied migration(s) {Versions}.", string.Join(", ", applied));
        }
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().RunAsync(ct);
    }
}
