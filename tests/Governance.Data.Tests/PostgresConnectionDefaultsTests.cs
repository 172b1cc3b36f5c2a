using Governance.Data;
using Npgsql;

namespace Governance.Data.Tests;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void A_plain_connection_string_gets_prepared_statements_kept_across_pool_returns()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Database=governance;Username=app;Password=\"p;w\""));

        Assert.True(applied.NoResetOnClose);
        Assert.Equal(256, applied.MaxAutoPrepare);
        Assert.Equal(2, applied.AutoPrepareMinUsages);
        Assert.Equal("db", applied.Host);
        Assert.Equal("p;w", applied.Password);
    }

    [Fact]
    public void What_the_operator_set_is_kept()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(
            "Host=db;Database=governance;No Reset On Close=false;Max Auto Prepare=0"));

        Assert.False(applied.NoResetOnClose);
        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.Equal(2, applied.AutoPrepareMinUsages);
    }
}
