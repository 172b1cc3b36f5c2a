using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Governance.Data.Configuration;

/// <summary>Converters shared by the entity configurations.</summary>
internal static class ValueConversions
{
    /// <summary>
    /// SQLite has no time type; whole microseconds since the Unix epoch (UTC) in an INTEGER sort and
    /// compare correctly and keep the precision PostgreSQL keeps, so both databases round-trip alike.
    /// </summary>
    internal sealed class UnixMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => (v.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
        v => new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + v * 10, TimeSpan.Zero));

    /// <summary>Npgsql writes only UTC offsets to timestamptz; a caller's local offset is normalised.</summary>
    internal sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v);

    internal static readonly ValueConverter<List<string>, string> JsonList = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>());

    internal static readonly ValueComparer<List<string>> JsonListComparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());
}
