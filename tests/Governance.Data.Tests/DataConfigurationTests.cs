using Governance.Data.Audit;
using Governance.Data.Migrations;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests;

public sealed class DataConfigurationTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "gov-root-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void With_nothing_configured_sqlite_lives_in_the_data_folder_of_the_content_root()
    {
        var options = ServiceCollectionExtensions.ResolveOptions(Config(), _contentRoot);

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Contains(Path.Combine(_contentRoot, "data", "governance.db"), options.ConnectionString, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_contentRoot, "data")));
        Assert.Equal(Path.Combine(_contentRoot, "data", "artifacts"), options.ArtifactRoot);
    }

    [Fact]
    public async Task The_default_setup_migrates_and_serves_the_registry_as_a_host_would_use_it()
    {
        var services = new ServiceCollection().AddLogging().AddGovernanceData(Config(), _contentRoot).BuildServiceProvider();
        try
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ModelRegistry>().RegisterModelAsync(
                    new ModelDraft("spam-filter", "classification", "email", "ml-team", RiskTier.Minimal), Actor.User("alice"));
            }
            await using (var scope = services.CreateAsyncScope())
            {
                var verdict = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync();
                Assert.Equal((true, 1L), (verdict.IsIntact, verdict.EventsChecked));
            }
            Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "governance.db")));
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public void Postgres_is_chosen_by_provider_and_connection_string()
    {
        var options = ServiceCollectionExtensions.ResolveOptions(Config(
            ("Database:Provider", "postgres"),
            ("ConnectionStrings:Governance", "Host=db;Database=gov"),
            ("Artifacts:Root", "/srv/artifacts")), _contentRoot);

        Assert.Equal(new GovernanceDataOptions(DatabaseProvider.Postgres, "Host=db;Database=gov", "/srv/artifacts"), options);
    }

    [Fact]
    public void A_relative_sqlite_file_is_placed_under_the_content_root()
    {
        var options = ServiceCollectionExtensions.ResolveOptions(Config(("ConnectionStrings:Governance", "Data Source=db/gov.db")), _contentRoot);

        Assert.Contains(Path.Combine(_contentRoot, "db", "gov.db"), options.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres", null, "ConnectionStrings:Governance is not set")]
    [InlineData("Oracle", null, "'Oracle' is not supported")]
    public void Incomplete_or_unknown_settings_are_clear_errors(string provider, string? connection, string expected)
    {
        var settings = new List<(string, string)> { ("Database:Provider", provider) };
        if (connection is not null)
        {
            settings.Add(("ConnectionStrings:Governance", connection));
        }

        var error = Assert.Throws<InvalidOperationException>(() => ServiceCollectionExtensions.ResolveOptions(Config([.. settings]), _contentRoot));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
