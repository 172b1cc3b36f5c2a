using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// One labelled example as the loop stores it in a dataset version (one JSON object per line):
/// "id", "text", "label" (0/1) and one string column per sensitive attribute.
/// </summary>
public sealed record LabelledRow(string Id, string Text, int Label, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Rows whose id hashes into the last fifth are held out for evaluation, the same way in every run.</summary>
    public bool IsHeldOut => StableHash(Id) % 5 == 4;

    public string ToJsonLine()
    {
        var o = new JsonObject { ["id"] = Id, ["text"] = Text, ["label"] = Label };
        foreach (var (k, v) in Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            o[k] = v;
        }
        return o.ToJsonString();
    }

    public static byte[] ToJsonl(IEnumerable<LabelledRow> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Append(row.ToJsonLine()).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Reads a JSONL dataset written by <see cref="ToJsonl"/>; names the line of a bad row.</summary>
    public static List<LabelledRow> ReadJsonl(Stream stream)
    {
        var rows = new List<LabelledRow>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("text", out var text) || !root.TryGetProperty("label", out var label) || !label.TryGetInt32(out var l) || l is < 0 or > 1)
            {
                throw new InvalidDataException($"Dataset line {lineNumber}: needs \"text\" and a 0/1 \"label\".");
            }
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in root.EnumerateObject())
            {
                if (p.Name is not ("id" or "text" or "label") && p.Value.ValueKind == JsonValueKind.String)
                {
                    attributes[p.Name] = p.Value.GetString()!;
                }
            }
            var id = root.TryGetProperty("id", out var i) ? i.GetString() ?? $"row-{lineNumber}" : $"row-{lineNumber}";
            rows.Add(new LabelledRow(id, text.GetString() ?? "", l, attributes));
        }
        return rows;
    }

    internal static uint StableHash(string s)
    {
        uint h = 2166136261;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619;
        }
        return h;
    }
}
