namespace Governance.Deploy.Tests.Local;

/// <summary>
/// A test that runs deploy/local/run.sh: skipped, with the reason, when PostgreSQL's server binaries are not
/// installed (the script needs Debian's 'postgresql'; .ci/test.sh installs it) or the machine is not Linux.
/// </summary>
public sealed class LocalClusterFactAttribute : FactAttribute
{
    public LocalClusterFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "deploy/local/run.sh is a Linux script (bash, /proc, Debian's PostgreSQL).";
        }
        else if (!PostgresInstalled())
        {
            Skip = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (initdb, pg_ctl, psql): "
                + "install Debian's 'postgresql' package (.ci/test.sh does) or set GOVERNANCE_PG_BIN.";
        }
    }

    private static bool PostgresInstalled()
    {
        var configured = Environment.GetEnvironmentVariable("GOVERNANCE_PG_BIN");
        var candidates = !string.IsNullOrEmpty(configured)
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : [];
        return candidates.Any(bin => new[] { "initdb", "pg_ctl", "psql" }.All(f => File.Exists(Path.Combine(bin, f))));
    }
}
