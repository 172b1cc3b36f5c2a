using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>The sign-in form at /account/sign-in, found by its labels as a user would.</summary>
internal sealed class SignInPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" });

    public async Task SignInAsync(string userName, string password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
