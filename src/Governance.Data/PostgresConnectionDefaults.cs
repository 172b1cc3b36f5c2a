using Npgsql;

namespace Governance.Data;

/// <summary>
/// Pool settings the portal's read pattern needs, applied only where the operator's connection string
/// says nothing about them. Each EF query borrows a pooled connection; by default Npgsql resets it with
/// <c>DISCARD ALL</c> on every return (which also drops prepared statements) and sends each query to be
/// parsed and planned again. Measured on the overview at 64 clients, PostgreSQL spent more CPU than the
/// app. Without the reset, hot statements are prepared once per connection and reused.
/// </summary>
public static class PostgresConnectionDefaults
{
    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            // Safe here: nothing in Governance sets session state that outlives a transaction; the
            // migrator's session advisory lock is released in a finally block.
            builder.NoResetOnClose = true;
        }
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 256;
        }
        if (!Mentions(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        connectionString.Split(';').Select(p => p.Split('=')[0].Trim())
            .Any(k => keys.Any(key => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)));
}
