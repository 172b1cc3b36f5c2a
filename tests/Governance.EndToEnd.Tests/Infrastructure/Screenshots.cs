using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where full-page screenshots go: GOVERNANCE_SCREENSHOTS if set, else TestResults/screenshots next to
/// the test assembly. Each saved path is printed so a reader (or CI log) can open it.
/// </summary>
internal sealed class Screenshots(ITestOutputHelper output, string prefix = "")
{
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("GOVERNANCE_SCREENSHOTS") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, prefix + name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
        return path;
    }
}
