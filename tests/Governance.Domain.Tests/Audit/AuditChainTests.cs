using Governance.Domain.Access;
using Governance.Domain.Audit;

namespace Governance.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        var head = (Sequence: 0L, Hash: AuditHasher.GenesisHash);
        for (var i = 0; i < count; i++)
        {
            var entry = new AuditEntry(Actor.User("alice"), "model.registered", "model", $"m{i}", $"{{\"i\":{i}}}");
            var e = AuditChain.Next(entry, head.Sequence, head.Hash, Start.AddTicks(i * 12_345_678L + 7));
            events.Add(e);
            head = (e.Sequence, e.Hash);
        }
        return events;
    }

    private static ChainVerification Verify(IReadOnlyList<AuditEvent> events, int batch = 1000)
    {
        var verifier = new AuditChainVerifier();
        for (var i = 0; i < events.Count; i += batch)
        {
            if (!verifier.Feed(events.Skip(i).Take(batch).ToList()))
            {
                break;
            }
        }
        return verifier.Result();
    }

    private static AuditEvent With(AuditEvent e, string? payload = null, string? actor = null, DateTimeOffset? at = null) => new()
    {
        Sequence = e.Sequence,
        OccurredAt = at ?? e.OccurredAt,
        Actor = actor ?? e.Actor,
        Action = e.Action,
        SubjectType = e.SubjectType,
        SubjectId = e.SubjectId,
        Payload = payload ?? e.Payload,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };

    [Fact]
    public void An_untouched_chain_verifies_across_batches()
    {
        var events = Chain(2500);
        var result = Verify(events, batch: 700);
        Assert.True(result.IsIntact);
        Assert.Equal(2500, result.EventsChecked);
        Assert.Equal(events[^1].Hash, result.LastHash);
    }

    [Fact]
    public void Times_are_kept_to_the_microsecond_in_utc()
    {
        var e = Chain(1)[0];
        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
        Assert.Equal(0, e.OccurredAt.UtcTicks % 10);
        var local = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), AuditHasher.Normalize(local));
    }

    [Fact]
    public void Every_field_is_covered_by_the_hash()
    {
        var e = Chain(1)[0];
        var variants = new[]
        {
            With(e, payload: "{\"i\":1}"),
            With(e, actor: "user:mallory"),
            With(e, at: e.OccurredAt.AddTicks(10)),
            new AuditEvent { Sequence = 2, OccurredAt = e.OccurredAt, Actor = e.Actor, Action = e.Action, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Payload = e.Payload, PreviousHash = e.PreviousHash },
            new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, Action = "model.deleted", SubjectType = e.SubjectType, SubjectId = e.SubjectId, Payload = e.Payload, PreviousHash = e.PreviousHash },
            new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, Action = e.Action, SubjectType = "version", SubjectId = e.SubjectId, Payload = e.Payload, PreviousHash = e.PreviousHash },
            new AuditEvent { Sequence = 1, OccurredAt = e.OccurredAt, Actor = e.Actor, Action = e.Action, SubjectType = e.SubjectType, SubjectId = "m9", Payload = e.Payload, PreviousHash = e.PreviousHash },
        };
        foreach (var v in variants)
        {
            Assert.NotEqual(e.Hash, AuditHasher.ComputeHash(v));
        }
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted()
    {
        var a = new AuditEvent { Sequence = 1, Actor = "user:ab", Action = "c", SubjectType = "", SubjectId = "", Payload = "", PreviousHash = AuditHasher.GenesisHash };
        var b = new AuditEvent { Sequence = 1, Actor = "user:a", Action = "bc", SubjectType = "", SubjectId = "", Payload = "", PreviousHash = AuditHasher.GenesisHash };
        Assert.NotEqual(AuditHasher.ComputeHash(a), AuditHasher.ComputeHash(b));
    }

    [Fact]
    public void An_altered_row_is_named()
    {
        var events = Chain(3000);
        events[1234] = With(events[1234], payload: "{\"i\":\"forged\"}");
        var result = Verify(events);
        Assert.False(result.IsIntact);
        Assert.Equal(1235, result.FirstBrokenSequence);
        Assert.Equal(1234, result.EventsChecked);
        Assert.Contains("altered", result.Problem);
    }

    [Fact]
    public void A_removed_row_is_named()
    {
        var events = Chain(50);
        events.RemoveAt(20);
        var result = Verify(events);
        Assert.Equal(22, result.FirstBrokenSequence); // event 21 is gone, so 22 arrives where 21 was due
        Assert.Contains("missing", result.Problem);
    }

    [Fact]
    public void A_rehashed_forgery_breaks_the_next_link()
    {
        var events = Chain(10);
        var forged = With(events[4], payload: "{\"forged\":true}");
        events[4] = new AuditEvent
        {
            Sequence = forged.Sequence, OccurredAt = forged.OccurredAt, Actor = forged.Actor, Action = forged.Action,
            SubjectType = forged.SubjectType, SubjectId = forged.SubjectId, Payload = forged.Payload,
            PreviousHash = forged.PreviousHash, Hash = AuditHasher.ComputeHash(forged),
        };
        var result = Verify(events);
        Assert.Equal(6, result.FirstBrokenSequence);
        Assert.Contains("does not link", result.Problem);
    }

    [Fact]
    public void A_malformed_stored_hash_is_reported_not_thrown()
    {
        var events = Chain(3);
        events[0] = new AuditEvent
        {
            Sequence = 1, OccurredAt = events[0].OccurredAt, Actor = events[0].Actor, Action = events[0].Action,
            SubjectType = events[0].SubjectType, SubjectId = events[0].SubjectId, Payload = events[0].Payload,
            PreviousHash = "not-hex", Hash = events[0].Hash,
        };
        var result = Verify(events);
        Assert.False(result.IsIntact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public void Large_payloads_hash_the_same_way_as_small_ones()
    {
        var big = new string('x', 100_000);
        var e = AuditChain.Next(new AuditEntry(Actor.Job("retrain"), "a", "s", "1", big), 0, AuditHasher.GenesisHash, Start);
        Assert.Equal(e.Hash, AuditHasher.ComputeHash(e));
        Assert.True(Verify([e]).IsIntact);
    }
}
