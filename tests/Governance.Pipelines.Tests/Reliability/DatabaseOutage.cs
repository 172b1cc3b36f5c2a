using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Governance.Pipelines.Tests.Reliability;

/// <summary>
/// Makes one PostgreSQL database unavailable, as an outage does for the nodes using it: new connections
/// are refused (ALLOW_CONNECTIONS false) and every open one is terminated (the executing command
/// fails mid-flight), until <see cref="EndAsync"/>. The server and its other databases keep running.
/// </summary>
public sealed class DatabaseOutage(string adminConnectionString, string databaseConnectionString)
{
    private readonly string _database = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database
        ?? throw new ArgumentException("The connection string names no database.", nameof(databaseConnectionString));
    private int _begun;

    public bool Happened => Volatile.Read(ref _begun) > 0;

    public async Task BeginAsync()
    {
        Interlocked.Increment(ref _begun);
        await ExecuteAsync($"ALTER DATABASE \"{_database}\" ALLOW_CONNECTIONS false");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database}' AND pid <> pg_backend_pid()");
    }

    public Task EndAsync() => ExecuteAsync($"ALTER DATABASE \"{_database}\" ALLOW_CONNECTIONS true");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Starts the outage right before the first command that matches <paramref name="when"/> (so it fails on
/// a terminated connection, like a write caught by a real outage), and ends it after <paramref name="duration"/>.
/// </summary>
public sealed class OutageAtCommand(DatabaseOutage outage, Func<DbCommand, bool> when, TimeSpan duration) : DbCommandInterceptor
{
    private int _fired;

    public Task? Ended { get; private set; }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await MaybeFireAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await MaybeFireAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await MaybeFireAsync(command);
        return result;
    }

    private async Task MaybeFireAsync(DbCommand command)
    {
        if (Volatile.Read(ref _fired) != 0 || !when(command) || Interlocked.Exchange(ref _fired, 1) != 0)
        {
            return;
        }
        await outage.BeginAsync();
        Ended = Task.Run(async () =>
        {
            await Task.Delay(duration);
            await outage.EndAsync();
        });
    }
}
