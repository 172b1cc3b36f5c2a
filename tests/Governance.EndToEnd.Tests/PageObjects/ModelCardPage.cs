using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/models/{name}/versions/{n}/card: one version's technical documentation (EU AI Act Annex IV) and its exports.</summary>
internal sealed class ModelCardPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Document => page.GetByRole(AriaRole.Article);

    /// <summary>A numbered Annex IV section by the start of its heading ("1. General description").</summary>
    public ILocator Section(string heading) => page.GetByRole(AriaRole.Region, new() { Name = heading });

    public ILocator Contents => page.GetByRole(AriaRole.Navigation, new() { Name = "Contents of the model card" });

    public ILocator DownloadPdf => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" });

    public ILocator DownloadHtml => page.GetByRole(AriaRole.Link, new() { Name = "Download HTML" });

    public ILocator AuditTimeline => page.GetByRole(AriaRole.Link, new() { Name = "Audit timeline" });

    /// <summary>Clicks a download link and returns the file's bytes.</summary>
    public static async Task<byte[]> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        Assert.NotNull(path);
        return await File.ReadAllBytesAsync(path);
    }
}
