using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Domain.Audit;

/// <summary>
/// The canonical encoding of an event and its SHA-256. Fields are length-prefixed UTF-8 after a version
/// tag, so no two different events encode to the same bytes (no delimiter ambiguity), and the time is
/// whole microseconds since the Unix epoch, the precision both databases keep.
/// </summary>
public static class AuditHasher
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly byte[] Tag = "governance-audit-v1"u8.ToArray();

    /// <summary>Truncates a time to what the chain records: UTC, whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static long ToUnixMicroseconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>Hex SHA-256 of the event's fields and <see cref="AuditEvent.PreviousHash"/>.</summary>
    public static string ComputeHash(AuditEvent e)
    {
        Span<byte> hash = stackalloc byte[32];
        ComputeHash(e, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Writes the raw 32-byte hash; the allocation-free path the verifier uses.</summary>
    public static void ComputeHash(AuditEvent e, Span<byte> hash)
    {
        var size = Tag.Length + 8 + 8 + 32 + 5 * 4
            + Encoding.UTF8.GetMaxByteCount(e.Actor.Length + e.Action.Length + e.SubjectType.Length + e.SubjectId.Length + e.Payload.Length);
        var rented = size <= 2048 ? null : ArrayPool<byte>.Shared.Rent(size);
        Span<byte> buffer = rented ?? stackalloc byte[2048];
        try
        {
            var n = Encode(e, buffer);
            SHA256.HashData(buffer[..n], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Encode(AuditEvent e, Span<byte> buffer)
    {
        Tag.CopyTo(buffer);
        var at = Tag.Length;
        BinaryPrimitives.WriteInt64BigEndian(buffer[at..], e.Sequence);
        at += 8;
        BinaryPrimitives.WriteInt64BigEndian(buffer[at..], ToUnixMicroseconds(e.OccurredAt));
        at += 8;
        at += WriteString(buffer[at..], e.Actor);
        at += WriteString(buffer[at..], e.Action);
        at += WriteString(buffer[at..], e.SubjectType);
        at += WriteString(buffer[at..], e.SubjectId);
        at += WriteString(buffer[at..], e.Payload);
        if (Convert.FromHexString(e.PreviousHash, buffer.Slice(at, 32), out _, out var written) != OperationStatus.Done || written != 32)
        {
            throw new FormatException($"Audit event {e.Sequence} has a previous hash that is not 64 hex digits.");
        }
        return at + 32;
    }

    private static int WriteString(Span<byte> buffer, string value)
    {
        var n = Encoding.UTF8.GetBytes(value, buffer[4..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer, n);
        return 4 + n;
    }
}
