namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>Browser tests on PostgreSQL share one server and portal, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresPortalCollection : ICollectionFixture<PostgresPortalFixture>
{
    public const string Name = "portal-postgres";
}
