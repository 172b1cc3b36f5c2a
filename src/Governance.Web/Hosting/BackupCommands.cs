using Governance.Data;
using Governance.Data.Artifacts;
using Governance.Data.Audit;
using Governance.Data.Backup;

namespace Governance.Web.Hosting;

/// <summary>
/// <c>backup --Backup:To=DIR</c> verifies the audit chain, then writes database + artifacts + manifest
/// into a new timestamped folder under DIR. <c>restore --Backup:From=FOLDER</c> checks the backup
/// against its manifest, restores it into the configured (fresh, empty) database and artifact root,
/// then verifies the audit chain and re-hashes every artifact. <c>Backup:PostgresBinDir</c> points at
/// pg_dump/pg_restore when they are not in <c>/usr/lib/postgresql/*/bin</c> or on PATH.
/// </summary>
internal static class BackupCommands
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    public static async Task<int> BackupAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var to = configuration["Backup:To"];
        if (string.IsNullOrWhiteSpace(to))
        {
            await output.WriteLineAsync("backup needs the parent folder: --Backup:To=/path/to/backups (or Backup__To).");
            return HostCommands.ExitFailed;
        }
        await using var scope = services.CreateAsyncScope();
        var chain = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync(ct);
        if (!chain.IsIntact)
        {
            await output.WriteLineAsync($"Refusing to back up: audit chain BROKEN at event {chain.FirstBrokenSequence}: {chain.Problem}.");
            return HostCommands.ExitBroken;
        }
        var (folder, manifest) = await Create(services, configuration).CreateAsync(to, chain.EventsChecked, chain.LastHash, ct);
        await output.WriteLineAsync(
            $"Backup written to {folder}: {manifest.Provider} database ({manifest.Database.Bytes} bytes), {manifest.Artifacts.Count} artifact(s), {manifest.AuditEvents} audit event(s).");
        return 0;
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var from = configuration["Backup:From"];
        if (string.IsNullOrWhiteSpace(from))
        {
            await output.WriteLineAsync("restore needs the backup folder: --Backup:From=/path/to/backups/governance-backup-... (or Backup__From).");
            return HostCommands.ExitFailed;
        }
        var manifest = await Create(services, configuration).RestoreAsync(from, ct);
        await output.WriteLineAsync($"Restored {manifest.Provider} database and {manifest.Artifacts.Count} artifact(s) from {from}.");

        await using var scope = services.CreateAsyncScope();
        var chain = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync(ct);
        var artifacts = await ArtifactStoreVerification.VerifyAsync(
            services.GetRequiredService<ArtifactStore>(), scope.ServiceProvider.GetRequiredService<GovernanceDbContext>(), ct);
        var ok = chain.IsIntact && artifacts.IsIntact && chain.EventsChecked >= manifest.AuditEvents;
        await output.WriteLineAsync(chain.IsIntact
            ? $"Audit chain intact: {chain.EventsChecked} event(s) (backup recorded {manifest.AuditEvents}); head hash {chain.LastHash ?? "(empty chain)"}."
            : $"Audit chain BROKEN at event {chain.FirstBrokenSequence}: {chain.Problem}.");
        await output.WriteLineAsync(artifacts.IsIntact
            ? $"Artifacts intact: {artifacts.FilesChecked} file(s) re-hashed, {artifacts.ReferencesChecked} reference(s) present."
            : "Artifacts BROKEN:\n  " + string.Join("\n  ", artifacts.Problems));
        return ok ? HostCommands.ExitIntact : HostCommands.ExitBroken;
    }

    private static GovernanceBackup Create(IServiceProvider services, IConfiguration configuration) =>
        new(services.GetRequiredService<GovernanceDataOptions>(), services.GetRequiredService<TimeProvider>(), configuration["Backup:PostgresBinDir"]);
}
