using System.Globalization;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Loop;

/// <summary>
/// The host on SQLite with a tiny training spec from configuration (Loop:DefaultTraining), so a retrain of
/// a few hundred synthetic mails finishes in seconds, and quick scheduler polling.
/// </summary>
public sealed class LoopAppFixture : AppFixture
{
    private readonly TempDirectory _dir = new();

    public override string DatabaseName => "SQLite";

    public override string Directory => _dir.Path;

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(LoopSettings(GovernanceApp.SqliteSettings(_dir.Path), _dir.Path));

    /// <summary>Adds the loop's tiny-training settings to a database's settings.</summary>
    public static Dictionary<string, string?> LoopSettings(Dictionary<string, string?> settings, string directory)
    {
        settings["Loop:WorkDirectory"] = Path.Combine(directory, "work");
        settings["Loop:BootstrapResamples"] = "200";
        settings["Loop:MinimumGroupSize"] = "10";
        settings["Loop:DefaultTraining:VocabSize"] = "150";
        settings["Loop:DefaultTraining:MaxLength"] = "24";
        settings["Loop:DefaultTraining:HiddenSize"] = "32";
        settings["Loop:DefaultTraining:Layers"] = "1";
        settings["Loop:DefaultTraining:Heads"] = "2";
        settings["Loop:DefaultTraining:IntermediateSize"] = "64";
        settings["Loop:DefaultTraining:Epochs"] = "3";
        settings["Loop:DefaultTraining:BatchSize"] = "16";
        settings["Loop:DefaultTraining:LearningRate"] = (2e-3).ToString(CultureInfo.InvariantCulture);
        settings["Loop:DefaultTraining:CheckpointEverySteps"] = "10";
        settings["Scheduler:IdleWaitTime"] = "00:00:01";
        settings["Scheduler:CancelPollInterval"] = "00:00:00.2";
        return settings;
    }

    /// <summary>Registers a model with two sensitive attributes, the default release policy and 400 synthetic training mails.</summary>
    public Task SeedModelAsync(string name) => SeedModelAsync(App, name);

    /// <inheritdoc cref="SeedModelAsync(string)"/>
    public static async Task SeedModelAsync(GovernanceApp app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<ModelRegistry>().RegisterModelAsync(new ModelDraft(name, "text-classification", "support", "tests", RiskTier.Limited,
            SensitiveAttributes: [SpamTriageRows.SenderCcTld, SpamTriageRows.NonAscii]), Actor.System, default);
        await sp.GetRequiredService<SetReleasePolicy>().RunAsync(name, ReleasePolicy.Default, Actor.System, default);
        await sp.GetRequiredService<SnapshotTrainingData>().RunAsync(name, SyntheticRows.Create(400, 1), Actor.System, "synthetic", default);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
