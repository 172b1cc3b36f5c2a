using System.Diagnostics;
using Npgsql;

namespace Governance.Data.Backup;

/// <summary>
/// Runs <c>pg_dump</c> / <c>pg_restore</c> against a connection string. The password goes in the
/// child's <c>PGPASSWORD</c>, never on its command line or in a message. The binaries come from
/// <paramref name="binDirectory"/>, else the newest <c>/usr/lib/postgresql/*/bin</c>, else PATH;
/// pg_dump must be at least as new as the server.
/// </summary>
internal sealed class PostgresTools(string? binDirectory)
{
    public Task DumpAsync(string connectionString, string file, CancellationToken ct) =>
        RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", "--file", file], ct);

    public Task RestoreAsync(string connectionString, string file, CancellationToken ct) =>
        RunAsync("pg_restore", connectionString, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file], ct);

    private async Task RunAsync(string tool, string connectionString, string[] toolArgs, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Locate(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (!string.IsNullOrEmpty(cs.Host))
        {
            start.ArgumentList.Add("--host");
            start.ArgumentList.Add(cs.Host);
        }
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(cs.Username))
        {
            start.ArgumentList.Add("--username");
            start.ArgumentList.Add(cs.Username);
        }
        start.ArgumentList.Add("--no-password");
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(cs.Database ?? throw new InvalidOperationException("The PostgreSQL connection string names no database."));
        foreach (var arg in toolArgs)
        {
            start.ArgumentList.Add(arg);
        }
        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }

    private string Locate(string tool)
    {
        if (!string.IsNullOrWhiteSpace(binDirectory))
        {
            var configured = Path.Combine(binDirectory, tool);
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{tool} not found in Backup:PostgresBinDir '{binDirectory}'.");
        }
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", tool)))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return Path.Combine(newest.Dir, "bin", tool);
            }
        }
        return tool; // from PATH
    }
}
