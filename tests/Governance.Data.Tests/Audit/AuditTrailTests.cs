using Governance.Data.Audit;
using Governance.Data.Tests.Infrastructure;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Audit;

public abstract class AuditTrailTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTestBase(provider, postgres)
{
    private static AuditEntry Entry(string actor = "alice", string action = "model.registered", string subject = "spam") =>
        new(Actor.User(actor), action, "model", subject, $"{{\"name\":\"{subject}\"}}");

    private async Task<List<AuditEvent>> AppendAsync(params AuditEntry[] entries)
    {
        var events = new List<AuditEvent>();
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        await using var tx = await db.BeginWriteAsync();
        foreach (var entry in entries)
        {
            events.Add(await trail.AppendAsync(entry));
        }
        await tx.CommitAsync();
        return events;
    }

    private async Task<T> WithTrailAsync<T>(Func<AuditTrail, Task<T>> use)
    {
        await using var scope = Db.Scope();
        return await use(scope.ServiceProvider.GetRequiredService<AuditTrail>());
    }

    [Fact]
    public async Task Appending_outside_a_transaction_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WithTrailAsync(t => t.AppendAsync(Entry())));

        Assert.Contains("transaction", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Db.CountAsync("audit_events"));
    }

    [Fact]
    public async Task Appended_events_form_a_chain_that_verifies_after_a_round_trip()
    {
        var written = await AppendAsync(Entry(), Entry("bob", "model.updated"), Entry("carol", "version.registered", "fraud"));

        Assert.Equal([1L, 2L, 3L], written.Select(e => e.Sequence));
        Assert.Equal(AuditHasher.GenesisHash, written[0].PreviousHash);
        Assert.Equal(written[0].Hash, written[1].PreviousHash);
        var verdict = await WithTrailAsync(t => t.VerifyAsync());
        Assert.True(verdict.IsIntact, verdict.Problem);
        Assert.Equal(3, verdict.EventsChecked);
        Assert.Equal(written[2].Hash, verdict.LastHash);
    }

    [Fact]
    public async Task A_standalone_event_is_recorded_in_its_own_transaction()
    {
        var recorded = await WithTrailAsync(t => t.RecordAsync(new AuditEntry(Actor.User("carol"), AuditActions.AuditExported, "audit", "csv", "{}")));

        Assert.Equal(1, recorded.Sequence);
        Assert.Equal(1, await Db.CountAsync("audit_events"));
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_no_event()
    {
        await using (var scope = Db.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            await using var tx = await db.BeginWriteAsync();
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().AppendAsync(Entry());
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await Db.CountAsync("audit_events"));
        var next = await AppendAsync(Entry());
        Assert.Equal(1, next[0].Sequence);
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        const int writers = 8;
        const int eachWrites = 15;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < eachWrites; i++)
            {
                await AppendAsync(Entry($"writer{w}", subject: $"m{i}"));
            }
        }));

        await Task.WhenAll(tasks);

        var verdict = await WithTrailAsync(t => t.VerifyAsync());
        Assert.True(verdict.IsIntact, verdict.Problem);
        Assert.Equal(writers * eachWrites, verdict.EventsChecked);
    }

    [Fact]
    public async Task The_database_rejects_update_and_delete_of_audit_rows()
    {
        await AppendAsync(Entry(), Entry());

        await Assert.ThrowsAnyAsync<Exception>(() => Db.ExecuteAsync("UPDATE audit_events SET actor = 'user:mallory' WHERE sequence = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => Db.ExecuteAsync("DELETE FROM audit_events WHERE sequence = 2"));
        if (Provider == DatabaseProvider.Postgres)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Db.ExecuteAsync("TRUNCATE audit_events"));
        }

        Assert.Equal(2, await Db.CountAsync("audit_events"));
        Assert.True((await WithTrailAsync(t => t.VerifyAsync())).IsIntact);
    }

    [Fact]
    public async Task Verification_names_a_row_altered_behind_the_applications_back()
    {
        await AppendAsync(Entry(), Entry("bob"), Entry("carol"), Entry("dave"));

        // Get past the append-only trigger the way an attacker with superuser rights would.
        if (Provider == DatabaseProvider.Postgres)
        {
            await Db.ExecuteAsync("SET session_replication_role = replica; UPDATE audit_events SET payload = '{\"name\":\"ham\"}' WHERE sequence = 3;");
        }
        else
        {
            await Db.ExecuteAsync("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET payload = '{\"name\":\"ham\"}' WHERE sequence = 3;");
        }

        var verdict = await WithTrailAsync(t => t.VerifyAsync());
        Assert.False(verdict.IsIntact);
        Assert.Equal(3, verdict.FirstBrokenSequence);
        Assert.Equal(2, verdict.EventsChecked);
        Assert.Contains("altered", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_names_the_gap_left_by_a_deleted_row()
    {
        await AppendAsync(Entry(), Entry("bob"), Entry("carol"));
        if (Provider == DatabaseProvider.Postgres)
        {
            await Db.ExecuteAsync("SET session_replication_role = replica; DELETE FROM audit_events WHERE sequence = 2;");
        }
        else
        {
            await Db.ExecuteAsync("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE sequence = 2;");
        }

        var verdict = await WithTrailAsync(t => t.VerifyAsync());

        Assert.False(verdict.IsIntact);
        Assert.Equal(3, verdict.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verification_walks_a_chain_longer_than_one_batch()
    {
        // Written in bulk (one statement batch) to keep the test fast; appends are covered above.
        var events = new List<AuditEvent>();
        var head = (Sequence: 0L, Hash: AuditHasher.GenesisHash);
        for (var i = 0; i < AuditTrail.BatchSize + 5; i++)
        {
            var e = AuditChain.Next(Entry(subject: $"m{i}"), head.Sequence, head.Hash, DateTimeOffset.UtcNow);
            events.Add(e);
            head = (e.Sequence, e.Hash);
        }
        await using (var context = Db.NewContext())
        {
            context.AuditEvents.AddRange(events);
            await context.SaveChangesAsync();
        }

        var verdict = await WithTrailAsync(t => t.VerifyAsync());

        Assert.True(verdict.IsIntact, verdict.Problem);
        Assert.Equal(events.Count, verdict.EventsChecked);
        Assert.Equal(events[^1].Hash, verdict.LastHash);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTrailTests(PostgresFixture fixture) : AuditTrailTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteAuditTrailTests() : AuditTrailTests(DatabaseProvider.Sqlite, null);
