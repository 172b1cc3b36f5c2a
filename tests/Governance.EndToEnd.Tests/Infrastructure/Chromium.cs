using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Launches Debian's Chromium through Playwright. Playwright's own browser download is not reachable
/// here, so the test uses the system browser that the test script installs.
/// </summary>
internal static class Chromium
{
    /// <summary>Overridable with GOVERNANCE_CHROMIUM for machines that keep it elsewhere.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("GOVERNANCE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{ExecutablePath}'. Install it with 'sudo apt-get install chromium' " +
                "(the README's test command, .ci/test.sh, does this), or set GOVERNANCE_CHROMIUM to its path.");
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = 30_000,
        });
    }
}
