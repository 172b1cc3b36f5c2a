using Npgsql;

namespace Governance.Portal.Benchmarks;

/// <summary>
/// EXPLAIN ANALYZE of the SQL the portal's hot pages run (as EF Core writes it, parameters inlined),
/// printed so a plan that falls back to a sequential scan or a full sort shows up in the results.
/// </summary>
internal static class QueryPlans
{
    public static async Task PrintAsync(string connectionString, string model)
    {
        var queries = new (string Name, string Sql)[]
        {
            ("models list: production version + count per model", """
                SELECT m.name, (SELECT count(*) FROM model_versions AS v WHERE v.model_id = m.id),
                       (SELECT v0.number FROM model_versions AS v0 WHERE v0.model_id = m.id AND v0.stage = 'Production' LIMIT 1)
                FROM models AS m ORDER BY m.name
                """),
            ("audit: actor filter, keyset below 500000", """
                SELECT * FROM audit_events AS a WHERE a.actor = 'user:alice' AND a.sequence < 500000
                ORDER BY a.sequence DESC LIMIT 51
                """),
            ("audit: model + versions (subject prefix)", $"""
                SELECT * FROM audit_events AS a
                WHERE a.subject_type IN ('model', 'model-version') AND (a.subject_id = '{model}' OR a.subject_id LIKE '{model}/%' ESCAPE '\')
                ORDER BY a.sequence DESC LIMIT 51
                """),
            ("audit: time range", """
                SELECT * FROM audit_events AS a WHERE a.occurred_at >= '2025-03-01' AND a.occurred_at < '2025-03-02'
                ORDER BY a.sequence DESC LIMIT 51
                """),
        };
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        foreach (var (name, sql) in queries)
        {
            await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + sql, c);
            await using var r = await cmd.ExecuteReaderAsync();
            Console.WriteLine($"-- {name}");
            while (await r.ReadAsync())
            {
                Console.WriteLine("   " + r.GetString(0));
            }
        }
    }
}
