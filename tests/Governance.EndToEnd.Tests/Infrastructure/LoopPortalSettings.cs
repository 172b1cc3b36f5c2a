using System.Globalization;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Settings that make a <see cref="PortalHost"/> one node that is both web and worker (the scheduler runs
/// in-process), with a tiny default training spec so a retrain of a few hundred mails finishes in seconds on
/// two cores, and quick scheduler polling.
/// </summary>
public static class LoopPortalSettings
{
    /// <summary>The loop's settings, then <paramref name="overrides"/> (a larger model for real mail, say).</summary>
    public static Func<string, IEnumerable<(string Key, string Value)>> With(IReadOnlyDictionary<string, string>? overrides = null) =>
        root => Loop(root).Concat((overrides ?? new Dictionary<string, string>()).Select(kv => (kv.Key, kv.Value)));

    /// <summary>
    /// The loop's settings: web and worker in this process, a tiny model (one layer, 32 wide, vocabulary of
    /// 150, three epochs), few bootstrap resamples, and a scheduler that notices new runs within a second.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> Loop(string root)
    {
        yield return ("Node:Roles", "web,worker");
        yield return ("Node:Name", "e2e-loop");
        yield return ("Loop:WorkDirectory", Path.Combine(root, "work"));
        yield return ("Loop:BootstrapResamples", "200");
        yield return ("Loop:MinimumGroupSize", "10");
        yield return ("Loop:DefaultTraining:VocabSize", "150");
        yield return ("Loop:DefaultTraining:MaxLength", "24");
        yield return ("Loop:DefaultTraining:HiddenSize", "32");
        yield return ("Loop:DefaultTraining:Layers", "1");
        yield return ("Loop:DefaultTraining:Heads", "2");
        yield return ("Loop:DefaultTraining:IntermediateSize", "64");
        yield return ("Loop:DefaultTraining:Epochs", "3");
        yield return ("Loop:DefaultTraining:BatchSize", "16");
        yield return ("Loop:DefaultTraining:LearningRate", (2e-3).ToString(CultureInfo.InvariantCulture));
        yield return ("Loop:DefaultTraining:CheckpointEverySteps", "10");
        yield return ("Scheduler:IdleWaitTime", "00:00:01");
        yield return ("Scheduler:CancelPollInterval", "00:00:00.2");
        yield return ("Scheduler:ProgressWriteInterval", "00:00:00.5");
        yield return ("Governance:DataProtection:KeysPath", Path.Combine(root, "keys"));
    }
}
