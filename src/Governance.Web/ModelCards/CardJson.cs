using System.Globalization;
using System.Text.Json;

namespace Governance.Web.ModelCards;

/// <summary>
/// Tolerant reads of stored evidence JSON for display: a missing or differently shaped field shows as
/// absent ("—"), never as a wrong number and never as an error page.
/// </summary>
public static class CardJson
{
    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public static JsonElement? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The property at a dotted path ("paired.difference"), or null.</summary>
    public static JsonElement? Get(JsonElement? element, string path)
    {
        if (element is not { } current)
        {
            return null;
        }
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public static string? Text(JsonElement? element, string path) => Get(element, path) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { } other => other.ToString(),
        null => null,
    };

    public static double? Double(JsonElement? element, string path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;

    /// <summary>A number with <paramref name="format"/> (invariant), or "—".</summary>
    public static string Number(JsonElement? element, string path, string format = "0.0000") =>
        Format(Double(element, path), format);

    public static string Format(double? value, string format = "0.0000") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static bool? Bool(JsonElement? element, string path) => Get(element, path)?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static IEnumerable<JsonElement> Array(JsonElement? element, string path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static string List(JsonElement? element, string path) =>
        string.Join(", ", Array(element, path).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString()));
}
