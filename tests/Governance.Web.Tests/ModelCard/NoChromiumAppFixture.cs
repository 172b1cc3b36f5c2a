using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.ModelCard;

/// <summary>The host on SQLite with Chromium configured at a path where there is none.</summary>
public sealed class NoChromiumAppFixture : AppFixture
{
    private readonly TempDirectory _dir = new();

    public override string DatabaseName => "SQLite";

    public override string Directory => _dir.Path;

    public string ChromiumPath => Path.Combine(_dir.Path, "no-chromium-here");

    protected override Task<Dictionary<string, string?>> SettingsAsync()
    {
        var settings = GovernanceApp.SqliteSettings(_dir.Path);
        settings["Governance:Chromium:Path"] = ChromiumPath;
        return Task.FromResult(settings);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
