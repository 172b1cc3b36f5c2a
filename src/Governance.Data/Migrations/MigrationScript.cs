using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Governance.Data.Migrations;

/// <summary>One versioned SQL file: <c>migrations/&lt;provider&gt;/NNNN_name.sql</c>.</summary>
public sealed partial record MigrationScript(int Version, string Name, string FileName, string Sql, string Checksum)
{
    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    /// <summary>The provider's scripts embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<MigrationScript> LoadEmbedded(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var prefix = $"migrations/{folder}/";
        var assembly = typeof(MigrationScript).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            scripts.Add(Parse(fileName, buffer.ToArray()));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Migrations {string.Join(" and ", duplicate.Select(s => s.FileName))} share version {duplicate.Key}.");
        }
        return scripts.OrderBy(s => s.Version).ToList();
    }

    /// <summary>Reads a script's version and name from its file name; the checksum covers its bytes.</summary>
    public static MigrationScript Parse(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration file '{fileName}' is not named NNNN_name.sql.");
        }
        var sql = new System.Text.UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        return new MigrationScript(
            int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups[2].Value,
            fileName,
            sql,
            Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
