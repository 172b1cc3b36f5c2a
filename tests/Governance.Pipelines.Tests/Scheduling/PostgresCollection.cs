using Governance.TestSupport;

namespace Governance.Pipelines.Tests.Scheduling;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "scheduler-postgres";
}
