using Governance.Data.Audit;
using Governance.Data.Migrations;

namespace Governance.Web.Hosting;

/// <summary>
/// One-shot commands instead of serving: <c>migrate</c> applies pending migrations; <c>verify-audit</c>
/// walks the audit chain and exits 0 when intact, 2 when broken (printing the first broken link);
/// <c>backup</c> and <c>restore</c> are described in <see cref="BackupCommands"/>.
/// </summary>
public static class HostCommands
{
    public const string Migrate = "migrate";
    public const string VerifyAudit = "verify-audit";
    public const int ExitIntact = 0;
    public const int ExitBroken = 2;
    /// <summary>The command could not run (unknown command, unreachable or unmigrated database).</summary>
    public const int ExitFailed = 1;

    /// <summary>Takes a leading command word off the arguments; the rest go to the host's configuration.</summary>
    public static (string? Command, string[] HostArgs) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal)
            ? (args[0], args[1..])
            : (null, args);
    }

    /// <summary>Runs a command against the configured database and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string command, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            return await RunCoreAsync(services, command, output, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            await output.WriteLineAsync($"'{command}' failed: {e.Message}");
            return ExitFailed;
        }
    }

    private static async Task<int> RunCoreAsync(IServiceProvider services, string command, TextWriter output, CancellationToken ct)
    {
        switch (command)
        {
            case Migrate:
            {
                var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
                await output.WriteLineAsync(applied.Count == 0
                    ? "The database is up to date."
                    : $"Applied migration(s) {string.Join(", ", applied)}.");
                return 0;
            }
            case VerifyAudit:
            {
                await using var scope = services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync(ct);
                if (result.IsIntact)
                {
                    await output.WriteLineAsync($"Audit chain intact: {result.EventsChecked} event(s) verified; head hash {result.LastHash ?? "(empty chain)"}.");
                    return ExitIntact;
                }
                await output.WriteLineAsync(
                    $"Audit chain BROKEN at event {result.FirstBrokenSequence}: {result.Problem} ({result.EventsChecked} event(s) before it verified).");
                return ExitBroken;
            }
            case BackupCommands.Backup:
                return await BackupCommands.BackupAsync(services, output, ct);
            case BackupCommands.Restore:
                return await BackupCommands.RestoreAsync(services, output, ct);
            default:
                await output.WriteLineAsync(
                    $"Unknown command '{command}'. Commands: {Migrate}, {VerifyAudit}, {BackupCommands.Backup}, {BackupCommands.Restore}; no command serves the portal.");
                return ExitFailed;
        }
    }
}
