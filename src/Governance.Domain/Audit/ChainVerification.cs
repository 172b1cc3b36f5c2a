namespace Governance.Domain.Audit;

/// <summary>The outcome of walking the chain: how far it was checked and the first broken link, if any.</summary>
public sealed record ChainVerification(
    bool IsIntact,
    long EventsChecked,
    long? FirstBrokenSequence,
    string? Problem,
    string? LastHash)
{
    public static ChainVerification Intact(long checkedCount, string? lastHash) => new(true, checkedCount, null, null, lastHash);
}
