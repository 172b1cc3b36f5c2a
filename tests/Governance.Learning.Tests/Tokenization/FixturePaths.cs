namespace Governance.Learning.Tests.Tokenization;

/// <summary>Finds committed fixture files in the source tree (they are not copied to the output folder).</summary>
internal static class FixturePaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Governance.Learning.Tests", "Tokenization", "Fixtures");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("tests/Governance.Learning.Tests/Tokenization/Fixtures not found above " + AppContext.BaseDirectory);
    });

    public static string Get(params string[] parts) => Path.Combine([Root.Value, .. parts]);
}
