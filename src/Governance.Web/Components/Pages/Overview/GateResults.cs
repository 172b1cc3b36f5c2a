using System.Text.Json;

namespace Governance.Web.Components.Pages.Overview;

/// <summary>
/// Reads the gates.evaluated audit payload (<c>{"passed":bool,"results":[{"ruleText","passed",...}]}</c>,
/// camelCase as the loop writes it): whether all gates passed and the rules that failed.
/// </summary>
public static class GateResults
{
    public static (bool Passed, IReadOnlyList<string> FailedRules) Read(string payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            var failed = new List<string>();
            if (root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in results.EnumerateArray())
                {
                    if (r.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.False)
                    {
                        failed.Add(r.TryGetProperty("ruleText", out var t) ? t.GetString() ?? "?" : "?");
                    }
                }
            }
            var passed = root.TryGetProperty("passed", out var all) ? all.ValueKind == JsonValueKind.True : failed.Count == 0;
            return (passed, failed);
        }
        catch (JsonException)
        {
            // A payload we cannot read is shown as a failure to look at, never as a pass.
            return (false, ["(unreadable gate record)"]);
        }
    }
}
