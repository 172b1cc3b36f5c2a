using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Components.Pages;

/// <summary>
/// The home page's registry counts in one round trip instead of four: under load every round trip
/// costs a connection handoff and a context switch, and this page is the one everybody opens.
/// </summary>
public sealed class OverviewCounts
{
    // Plain SQL both databases accept; stage and risk tier are stored by name.
    private const string Sql = """
        SELECT (SELECT count(*) FROM models) AS "Models",
               (SELECT count(DISTINCT model_id) FROM model_versions WHERE stage = 'Production') AS "InProduction",
               (SELECT count(*) FROM models WHERE risk_tier = 'High') AS "HighRisk",
               (SELECT count(*) FROM dataset_versions) AS "Datasets"
        """;

    public long Models { get; init; }
    public long InProduction { get; init; }
    public long HighRisk { get; init; }
    public long Datasets { get; init; }

    public static Task<OverviewCounts> ReadAsync(Data.GovernanceDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<OverviewCounts>(Sql).SingleAsync(ct);
}
