using System.Text.RegularExpressions;

namespace Governance.Deploy.Tests;

/// <summary>deploy/README.md has one table of every environment variable the code reads and the deploy files set.</summary>
public sealed partial class ConfigurationTableTests
{
    private static readonly string[] Sections = ["Database", "Artifacts", "Governance", "Node", "Logging", "Observability", "Backup", "Scheduler"];

    /// <summary>Variables in the README's configuration table (first column, back-quoted).</summary>
    private static HashSet<string> Documented()
    {
        var readme = Repository.Read("deploy", "README.md");
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "deploy/README.md has no '## Configuration' section.");
        var end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var table = readme[start..(end < 0 ? readme.Length : end)];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var firstCell = line.Split('|')[1];
            foreach (Match m in Backquoted().Matches(firstCell))
            {
                names.Add(m.Groups[1].Value);
            }
        }
        return names;
    }

    [Fact]
    public void Every_configuration_key_in_the_source_is_in_the_table()
    {
        var documented = Documented();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Repository.Path("src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            foreach (Match m in ConfigKey().Matches(code))
            {
                var key = m.Groups[1].Value;
                if (Sections.Contains(key.Split(':')[0]) && !documented.Contains(key.Replace(":", "__", StringComparison.Ordinal)))
                {
                    missing.Add($"{key} ({System.IO.Path.GetFileName(file)})");
                }
            }
            foreach (Match m in ConnectionString().Matches(code))
            {
                if (!documented.Contains("ConnectionStrings__" + m.Groups[1].Value))
                {
                    missing.Add($"ConnectionStrings:{m.Groups[1].Value} ({System.IO.Path.GetFileName(file)})");
                }
            }
        }
        Assert.True(missing.Count == 0, "Configuration keys read by the code but not in deploy/README.md's table:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_variable_the_deploy_files_set_is_in_the_table()
    {
        var documented = Documented();
        var files = Directory.GetFiles(Repository.Path("deploy", "kubernetes"), "*.yaml")
            .Append(Repository.Path("deploy", "compose.yaml"))
            .Append(Repository.Path("deploy", "local", "run.sh"))
            .Append(Repository.Path("deploy", "Containerfile"));
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match m in DeployVariable().Matches(File.ReadAllText(file)))
            {
                if (!documented.Contains(m.Groups[1].Value))
                {
                    missing.Add($"{m.Groups[1].Value} ({System.IO.Path.GetFileName(file)})");
                }
            }
        }
        Assert.True(missing.Count == 0, "Variables set in deploy/ but not documented:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_.]*)`")]
    private static partial Regex Backquoted();

    [GeneratedRegex("\"([A-Z][A-Za-z]+(?::[A-Z][A-Za-z]+)+)\"")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("GetConnectionString\\(\"([A-Za-z]+)\"\\)")]
    private static partial Regex ConnectionString();

    /// <summary>Our variables (Section__Key) and ASP.NET Core's, as set in YAML or ENV lines.</summary>
    [GeneratedRegex("\\b((?:Database|Artifacts|Governance|Node|Logging|Observability|Backup|Scheduler|ConnectionStrings)__[A-Za-z_]+|ASPNETCORE_[A-Z_]+)\\b")]
    private static partial Regex DeployVariable();
}
