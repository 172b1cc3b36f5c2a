using Governance.TestSupport;
using Governance.Data;
using Governance.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>
/// Crash recovery in a Quartz cluster on PostgreSQL: node A runs a job, then A "dies" — its Quartz
/// connections are cut and its database role may no longer log in, so it stops checking in exactly
/// as a killed process would, while its handler is still blocked. Node B notices the missed
/// check-ins, recovers A's firing (RequestRecovery) and runs the job again as attempt 2; A's late
/// writes are fenced off by the attempt number.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RecoveryTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_run_whose_node_died_is_recovered_by_another_node_as_attempt_two()
    {
        await using var b = await SchedulerTestHost.CreateAsync(DatabaseProvider.Postgres, fixture.Server, o => o.ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(1));
        var role = "node_a_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(b.Data.ConnectionString, $"CREATE ROLE {role} LOGIN SUPERUSER");
        var aQuartz = new NpgsqlConnectionStringBuilder(b.Data.ConnectionString) { Username = role, ApplicationName = role }.ToString();
        var a = b.Sibling(o =>
        {
            o.NodeName = "node-a";
            o.QuartzConnectionString = aQuartz;
            o.ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(1);
        });
        try
        {
            await a.StartAsync();
            var queued = await a.StartRunAsync("block-first");
            await a.Probe.Started(queued.Id, 1).Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("node-a", (await a.WithAsync(r => r.GetAsync(queued.Id)))!.NodeName);

            // Node A dies: its scheduler can no longer reach the database (no check-ins, no completion).
            await ExecuteAsync(b.Data.ConnectionString, $"ALTER ROLE {role} NOLOGIN");
            await ExecuteAsync(b.Data.ConnectionString, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}'");
            await b.StartAsync();

            var run = await b.WaitForAsync(queued.Id, r => r.IsFinal, seconds: 60);

            Assert.Equal(JobRunStatus.Succeeded, run.Status);
            Assert.Equal(2, run.Attempts);
            Assert.Equal(b.Options.NodeName, run.NodeName);
            var logs = await b.WithAsync(r => r.LogsAsync(run.Id));
            Assert.Equal("done on attempt 2", Assert.Single(logs).Message);
            await using var scope = b.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.SubjectId == run.Id.ToString() && e.Action == JobAuditActions.RunSucceeded));
        }
        finally
        {
            await ExecuteAsync(b.Data.ConnectionString, $"ALTER ROLE {role} LOGIN");
            NpgsqlConnection.ClearAllPools();
            try
            {
                await a.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
#pragma warning disable CA1031 // the "dead" node's shutdown may fail; it is not what the test is about
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
