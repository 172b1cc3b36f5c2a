using System.Globalization;
using Governance.Domain.Audit;

namespace Governance.TestSupport.Scale;

/// <summary>Row shapes the scale seeder writes, provider-neutral (times UTC, microsecond precision).</summary>
public sealed record SeedModel(Guid Id, string Name, string Task, string Domain, string Owner, string RiskTier, DateTimeOffset CreatedAt, int LatestVersion);

public sealed record SeedDataset(Guid Id, string Name, int Version, string ContentHash, DateTimeOffset CreatedAt);

public sealed record SeedVersion(Guid Id, Guid ModelId, int Number, string Stage, Guid? ParentId, Guid DatasetId, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>
/// Generates a registry of <c>models x versions</c> (lineage: each version's parent is the one before;
/// stages: newest Candidate, one Production, one Staging on some models, every 7th older version
/// Rejected, the rest Archived) and an audit trail continuing a chain from its head.
/// </summary>
public static class ScaleData
{
    private static readonly string[] Tasks = ["spam-triage", "churn", "fraud", "toxicity", "intent", "sentiment", "credit-risk", "ticket-routing"];
    private static readonly string[] Domains = ["support", "payments", "trust-and-safety", "marketing"];
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];

    public static DateTimeOffset Origin { get; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string ModelName(int index) => $"{Tasks[index % Tasks.Length]}-{index:D3}";

    public static (List<SeedModel> Models, List<SeedDataset> Datasets, List<SeedVersion> Versions) Registry(int models, int versionsPerModel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(models, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(versionsPerModel, 2);
        var ms = new List<SeedModel>(models);
        var ds = new List<SeedDataset>(models);
        var vs = new List<SeedVersion>(models * versionsPerModel);
        for (var m = 0; m < models; m++)
        {
            var created = Origin.AddHours(m);
            var name = ModelName(m);
            var model = new SeedModel(Id(1, m, 0), name, Tasks[m % Tasks.Length], Domains[m % Domains.Length],
                Users[m % Users.Length], (m % 3) switch { 0 => "High", 1 => "Limited", _ => "Minimal" }, created, versionsPerModel);
            ms.Add(model);
            var dataset = new SeedDataset(Id(2, m, 0), name + "-data", 1, Convert.ToHexStringLower(BitConverter.GetBytes((long)m)).PadLeft(64, '0'), created);
            ds.Add(dataset);
            Guid? parent = null;
            for (var n = 1; n <= versionsPerModel; n++)
            {
                var stage = n == versionsPerModel ? "Candidate"
                    : n == versionsPerModel - 1 ? "Production"
                    : n == versionsPerModel - 2 && m % 2 == 0 ? "Rejected"
                    : n % 7 == 0 ? "Rejected" : "Archived";
                var version = new SeedVersion(Id(3, m, n), model.Id, n, stage, parent, dataset.Id, created.AddDays(n), "user:" + Users[(m + n) % Users.Length]);
                vs.Add(version);
                parent = version.Id;
            }
        }
        return (ms, ds, vs);
    }

    /// <summary>
    /// <paramref name="count"/> events after (<paramref name="headSequence"/>, <paramref name="headHash"/>):
    /// registrations of every model and version first, then stage changes, sign-ins and exports spread
    /// over the models, one every ~30 s from <see cref="Origin"/>. Hashes by <see cref="AuditChain"/>.
    /// </summary>
    public static IEnumerable<AuditEvent> AuditEvents(int count, long headSequence, string headHash, IReadOnlyList<SeedModel> models, int versionsPerModel)
    {
        var previousSequence = headSequence;
        var previousHash = headHash;
        var registrations = models.Count * (versionsPerModel + 1);
        for (var i = 0; i < count; i++)
        {
            var entry = Entry(i, registrations, models, versionsPerModel);
            var at = Origin.AddSeconds(30.0 * i);
            var e = AuditChain.Next(entry, previousSequence, previousHash, at);
            previousSequence = e.Sequence;
            previousHash = e.Hash;
            yield return e;
        }
    }

    private static AuditEntry Entry(int i, int registrations, IReadOnlyList<SeedModel> models, int versionsPerModel)
    {
        var user = Domain.Access.Actor.User(Users[i % Users.Length]);
        if (i < registrations)
        {
            var m = models[i / (versionsPerModel + 1)];
            var n = i % (versionsPerModel + 1);
            return n == 0
                ? new AuditEntry(user, AuditActions.ModelRegistered, "model", m.Name, $"{{\"after\":{{\"name\":\"{m.Name}\",\"task\":\"{m.Task}\"}}}}")
                : new AuditEntry(user, AuditActions.VersionRegistered, "model-version", $"{m.Name}/{n}", $"{{\"after\":{{\"number\":{n},\"stage\":\"Candidate\"}}}}");
        }
        var model = models[i % models.Count];
        // Round r visits every model once; the kind rotates per round, so each model gets every kind.
        var round = i / models.Count;
        var number = 1 + round % versionsPerModel;
        return ((round + i) % 10) switch
        {
            0 => new AuditEntry(user, AuditActions.SignedIn, "user", user.Name, "{}"),
            1 => new AuditEntry(user, AuditActions.AuditExported, "audit", "export", $"{{\"format\":\"csv\",\"rows\":{i % 977}}}"),
            2 => new AuditEntry(Domain.Access.Actor.Job("retrain"), AuditActions.ModelUpdated, "model", model.Name, "{\"reason\":\"nightly retrain\"}"),
            _ => new AuditEntry(user, AuditActions.VersionStageChanged, "model-version", $"{model.Name}/{number}",
                string.Create(CultureInfo.InvariantCulture, $"{{\"before\":{{\"stage\":\"Staging\"}},\"after\":{{\"stage\":\"Production\"}},\"reason\":\"review {i}\"}}")),
        };
    }

    /// <summary>Deterministic ids, so a re-seeded database has the same links.</summary>
    private static Guid Id(int kind, int model, int number)
    {
        Span<byte> b = stackalloc byte[16];
        BitConverter.TryWriteBytes(b, kind);
        BitConverter.TryWriteBytes(b[4..], model);
        BitConverter.TryWriteBytes(b[8..], number);
        b[15] = 0x5e;
        return new Guid(b);
    }
}
