using System.Text;
using Governance.EndToEnd.Tests.Infrastructure;
using Governance.EndToEnd.Tests.PageObjects;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// A compliance officer opens a version's model card from the model page (JavaScript off), reads its
/// Annex IV sections, downloads the PDF, and finds the export in the version's audit timeline, whose
/// link leads back to the card. Screenshots of the card on screen and as printed are saved.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ModelCardTests(PortalFixture portal, ITestOutputHelper output)
{
    [Fact]
    public async Task A_compliance_officer_reads_the_card_exports_the_pdf_and_finds_the_export_in_the_audit_trail()
    {
        var (context, page) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
        await using var _ = context;
        var shots = new Screenshots(output, portal.ScreenshotPrefix);
        await page.GotoAsync($"models/{PortalFixture.ModelName}");
        var model = new ModelDetailPage(page);
        await model.VersionRow(1).GetByRole(AriaRole.Link, new() { Name = "Model card of v1" }).ClickAsync();

        var card = new ModelCardPage(page);
        await Assertions.Expect(card.Heading).ToHaveTextAsync($"{PortalFixture.ModelName} · version 1");
        await Assertions.Expect(card.Section("1. General description and intended purpose"))
            .ToContainTextAsync("Flags unsolicited e-mail before it reaches employees' inboxes");
        await Assertions.Expect(card.Section("2. Elements and development process")).ToContainTextAsync("git:3f9c2a1");
        await Assertions.Expect(card.Section("2. Elements and development process")).ToContainTextAsync($"{PortalFixture.DatasetName} v1");
        // The seeded version has no evaluation or bias report: the card says so instead of leaving a gap.
        await Assertions.Expect(card.Document).ToContainTextAsync("No bias report recorded for this version.");
        await Assertions.Expect(card.Section("6. Changes through the lifecycle")).ToContainTextAsync("Staging → Production");
        await shots.SaveAsync(page, "model-card");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(card.DownloadPdf).ToBeHiddenAsync();
        await shots.SaveAsync(page, "model-card-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var pdf = await ModelCardPage.DownloadAsync(page, card.DownloadPdf);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));

        await card.AuditTimeline.ClickAsync();
        var audit = new AuditPage(page);
        var export = audit.EventRows("model-card.exported", $"model-version:{PortalFixture.ModelName}/1");
        await Assertions.Expect(export.First).ToBeVisibleAsync();
        await shots.SaveAsync(page, "model-card-audit");
        await export.First.GetByRole(AriaRole.Link, new() { Name = $"open card: model-version:{PortalFixture.ModelName}/1" }).ClickAsync();
        await Assertions.Expect(card.Heading).ToHaveTextAsync($"{PortalFixture.ModelName} · version 1");
    }
}
