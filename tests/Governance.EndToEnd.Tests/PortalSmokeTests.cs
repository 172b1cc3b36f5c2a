using Governance.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

public sealed class PortalSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Home_page_renders_in_chromium()
    {
        using var host = new PortalHost();
        host.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(host.BaseAddress.ToString());
        output.WriteLine($"{host.BaseAddress} -> {response?.Status}");
        await new Screenshots(output).SaveAsync(page, "00-home");
        Assert.NotNull(response);
    }
}
