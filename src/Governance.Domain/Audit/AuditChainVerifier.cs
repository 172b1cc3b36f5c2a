namespace Governance.Domain.Audit;

/// <summary>
/// Walks the chain in sequence order, batch by batch, and stops at the first broken link. Each event's
/// hash depends only on its own row, so a batch's hashes are recomputed in parallel; the links between
/// rows are then checked in order.
/// </summary>
public sealed class AuditChainVerifier
{
    private long _expectedSequence = 1;
    private string _previousHash = AuditHasher.GenesisHash;
    private long _checked;

    public ChainVerification? Failure { get; private set; }

    /// <summary>Checks the next events (in ascending sequence). Returns false once the chain is broken.</summary>
    public bool Feed(IReadOnlyList<AuditEvent> batch)
    {
        if (Failure is not null)
        {
            return false;
        }
        var hashOk = new bool[batch.Count];
        Parallel.For(0, (batch.Count + 1023) / 1024, chunk =>
        {
            Span<byte> computed = stackalloc byte[32];
            Span<byte> stored = stackalloc byte[32];
            var end = Math.Min(batch.Count, (chunk + 1) * 1024);
            for (var i = chunk * 1024; i < end; i++)
            {
                hashOk[i] = TryHash(batch[i], computed)
                    && Convert.FromHexString(batch[i].Hash, stored, out _, out var written) == System.Buffers.OperationStatus.Done
                    && written == 32
                    && computed.SequenceEqual(stored);
            }
        });
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            var problem = e.Sequence != _expectedSequence
                ? $"Expected event {_expectedSequence} but found {e.Sequence}: events are missing."
                : !string.Equals(e.PreviousHash, _previousHash, StringComparison.Ordinal)
                    ? $"Event {e.Sequence} does not link to event {e.Sequence - 1}'s hash: an event before it was changed, removed or inserted."
                    : !hashOk[i]
                        ? $"Event {e.Sequence}'s contents do not match its hash: the row was altered after it was written."
                        : null;
            if (problem is not null)
            {
                Failure = new ChainVerification(false, _checked, e.Sequence, problem, _previousHash);
                return false;
            }
            _checked++;
            _expectedSequence++;
            _previousHash = e.Hash;
        }
        return true;
    }

    /// <summary>The verdict after the last batch.</summary>
    public ChainVerification Result() => Failure ?? ChainVerification.Intact(_checked, _checked == 0 ? null : _previousHash);

    private static bool TryHash(AuditEvent e, Span<byte> hash)
    {
        try
        {
            AuditHasher.ComputeHash(e, hash);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
