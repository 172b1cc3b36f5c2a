using Governance.Data.Audit;
using Governance.Data.Tests.Infrastructure;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Audit;

public abstract class AuditQueryTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTestBase(provider, postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>25 events, one per hour from <see cref="Start"/>; actors alternate alice/bob, every fifth is a stage change.</summary>
    private async Task SeedAsync()
    {
        var events = new List<AuditEvent>();
        var head = (Sequence: 0L, Hash: AuditHasher.GenesisHash);
        for (var i = 0; i < 25; i++)
        {
            var entry = new AuditEntry(Actor.User(i % 2 == 0 ? "alice" : "bob"),
                i % 5 == 0 ? AuditActions.VersionStageChanged : AuditActions.ModelUpdated,
                "model", i < 10 ? "spam" : "fraud", "{}");
            var e = AuditChain.Next(entry, head.Sequence, head.Hash, Start.AddHours(i));
            events.Add(e);
            head = (e.Sequence, e.Hash);
        }
        await using var context = Db.NewContext();
        context.AuditEvents.AddRange(events);
        await context.SaveChangesAsync();
    }

    private async Task<AuditPage> QueryAsync(AuditQuery query)
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditTrail>().QueryAsync(query);
    }

    private async Task<List<long>> StreamAsync(AuditQuery query)
    {
        await using var scope = Db.Scope();
        var sequences = new List<long>();
        await foreach (var e in scope.ServiceProvider.GetRequiredService<AuditTrail>().StreamAsync(query))
        {
            sequences.Add(e.Sequence);
        }
        return sequences;
    }

    [Fact]
    public async Task Pages_walk_newest_first_and_back_by_keyset()
    {
        await SeedAsync();

        var first = await QueryAsync(new AuditQuery { PageSize = 10 });
        var second = await QueryAsync(new AuditQuery { PageSize = 10, Before = first.OlderCursor });
        var third = await QueryAsync(new AuditQuery { PageSize = 10, Before = second.OlderCursor });
        var back = await QueryAsync(new AuditQuery { PageSize = 10, After = third.NewerCursor });

        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(i => (long)i), first.Events.Select(e => e.Sequence));
        Assert.Null(first.NewerCursor);
        Assert.Equal(16, first.OlderCursor);
        Assert.Equal(6, second.OlderCursor);
        Assert.Equal([5L, 4, 3, 2, 1], third.Events.Select(e => e.Sequence));
        Assert.Null(third.OlderCursor);
        Assert.Equal(second.Events.Select(e => e.Sequence), back.Events.Select(e => e.Sequence));
        Assert.Equal(15, back.NewerCursor);
    }

    [Fact]
    public async Task Filters_combine_time_actor_action_and_subject()
    {
        await SeedAsync();

        var window = await QueryAsync(new AuditQuery { From = Start.AddHours(3), To = Start.AddHours(7) });
        var bob = await QueryAsync(new AuditQuery { Actor = "user:bob", SubjectId = "spam" });
        var stage = await QueryAsync(new AuditQuery { Action = AuditActions.VersionStageChanged, SubjectType = "model" });
        // A time with another offset means the same instant.
        var local = await QueryAsync(new AuditQuery { From = Start.AddHours(3).ToOffset(TimeSpan.FromHours(2)), To = Start.AddHours(4) });

        Assert.Equal([7L, 6, 5, 4], window.Events.Select(e => e.Sequence));
        Assert.Equal([10L, 8, 6, 4, 2], bob.Events.Select(e => e.Sequence));
        Assert.Equal([21L, 16, 11, 6, 1], stage.Events.Select(e => e.Sequence));
        Assert.Equal([4L], local.Events.Select(e => e.Sequence));
        Assert.Equal(Start.AddHours(3), window.Events[^1].OccurredAt);
    }

    [Fact]
    public async Task Streaming_returns_every_match_in_ascending_order()
    {
        await SeedAsync();

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), await StreamAsync(new AuditQuery()));
        Assert.Equal([11L, 13, 15, 17, 19, 21, 23, 25], await StreamAsync(new AuditQuery { Actor = "user:alice", SubjectId = "fraud" }));
    }

    [Fact]
    public async Task Page_size_is_bounded()
    {
        var tooBig = await Assert.ThrowsAsync<DomainException>(() => QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize + 1 }));
        var both = await Assert.ThrowsAsync<DomainException>(() => QueryAsync(new AuditQuery { Before = 5, After = 1 }));

        Assert.Equal(DomainErrorKind.Invalid, tooBig.Kind);
        Assert.Equal(DomainErrorKind.Invalid, both.Kind);
        Assert.Empty((await QueryAsync(new AuditQuery())).Events);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditQueryTests(PostgresFixture fixture) : AuditQueryTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteAuditQueryTests() : AuditQueryTests(DatabaseProvider.Sqlite, null);
