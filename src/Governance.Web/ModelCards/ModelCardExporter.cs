using System.Net;
using System.Security.Cryptography;
using System.Text;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Pipelines.UseCases;
using Governance.Web.Components.Pages.ModelCard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Governance.Web.ModelCards;

/// <summary>
/// Exports one version's model card as a self-contained HTML document (stylesheet inlined, no scripts,
/// nothing fetched) or as a PDF printed from it by Chromium, and records each export in the audit trail
/// (<see cref="ModelCardAudit.Exported"/>, with the SHA-256 and size of the exact bytes) before serving it.
/// </summary>
public sealed class ModelCardExporter(
    ModelCardReader reader, ChromiumPdfPrinter printer, CardStylesheet stylesheet, AuditTrail trail,
    IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<ModelCardExport> ExportAsync(string name, int number, ModelCardFormat format, string portalBase, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentException($"Unknown model card format '{format}'.", nameof(format));
        }
        var card = await reader.ReadAsync(name, number, ct)
            ?? throw DomainException.NotFound($"Model '{name}' has no version {number}.");
        var html = await RenderDocumentAsync(card, portalBase);
        var content = format == ModelCardFormat.Pdf ? await printer.PrintAsync(html, ct) : Encoding.UTF8.GetBytes(html);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var extension = format == ModelCardFormat.Pdf ? "pdf" : "html";
        var fileName = $"{card.Model.Name}-v{card.Version.Number}-model-card.{extension}";
        // Recorded before a byte is served: a card that reached someone is always on the trail.
        var recorded = await trail.RecordAsync(new AuditEntry(actor, ModelCardAudit.Exported, LoopAudit.VersionSubject, card.Subject,
            AuditPayload.Of(new
            {
                format = extension,
                sha256,
                sizeBytes = content.Length,
                fileName,
                exportedBy = actor.ToString(),
                generatedAt = card.GeneratedAt,
                auditHeadSequence = card.AuditHead?.Sequence,
            })), ct);
        var contentType = format == ModelCardFormat.Pdf ? "application/pdf" : "text/html; charset=utf-8";
        return new ModelCardExport(content, contentType, fileName, sha256, recorded.Sequence);
    }

    /// <summary>The whole HTML document of a card: the same component as the page, the stylesheet inlined.</summary>
    public async Task<string> RenderDocumentAsync(ModelCardContent card, string portalBase)
    {
        ArgumentNullException.ThrowIfNull(card);
        await using var renderer = new HtmlRenderer(services, loggers);
        var body = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ModelCardDocument.Card)] = card,
                [nameof(ModelCardDocument.LinkBase)] = portalBase,
            });
            var output = await renderer.RenderComponentAsync<ModelCardDocument>(parameters);
            return output.ToHtmlString();
        });
        var title = WebUtility.HtmlEncode($"Model card: {card.Model.Name} version {card.Version.Number}");
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(title).Append("</title>\n")
            .Append("<style>\n").Append(stylesheet.Css).Append("\n</style>\n</head>\n")
            .Append("<body class=\"card-export\">\n").Append(body).Append("\n</body>\n</html>\n")
            .ToString();
    }
}
