using System.Text.Json;
using Governance.Data.Registry;
using Governance.Domain.Audit;
using Governance.Domain.Jobs;
using Governance.Pipelines.UseCases;
using Governance.Web.ModelCards;

namespace Governance.Web.Components.Pages.Audit;

/// <summary>A link from an audit event to the portal page of what it is about.</summary>
public sealed record SubjectLink(string Label, string Href);

/// <summary>
/// Where an audit event's subject lives in the portal: a model, a version (its row and its model card),
/// an approval request, a job run, a schedule, a dataset version, a drift report. Drift reports are keyed
/// by id alone, so their model comes from <paramref name="driftModels"/> (report id to model name).
/// </summary>
public static class AuditSubjectLinks
{
    public const string DriftReportSubject = "drift-report";

    public static IReadOnlyList<SubjectLink> For(AuditEvent e, IReadOnlyDictionary<string, string> driftModels)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(driftModels);
        var id = e.SubjectId;
        var slash = id.LastIndexOf('/');
        var links = new List<SubjectLink>();
        switch (e.SubjectType)
        {
            case ModelRegistry.ModelSubject:
                links.Add(new("open", $"models/{Escape(id)}"));
                if (e.Action == LoopAudit.DriftChecked && PayloadText(e, "driftReportId") is { } report)
                {
                    links.Add(new("drift report", DriftLink(id, report)));
                }
                break;
            case ModelRegistry.VersionSubject when slash > 0:
                var (model, number) = (Escape(id[..slash]), Escape(id[(slash + 1)..]));
                var card = $"models/{model}/versions/{number}/card";
                // An export's own page is the card; every other version event opens the version's row.
                links.Add(e.Action == ModelCardAudit.Exported ? new("open card", card) : new("open", $"models/{model}#v{number}"));
                if (e.Action != ModelCardAudit.Exported)
                {
                    links.Add(new("card", card));
                }
                break;
            case ModelRegistry.DatasetSubject when slash > 0:
                links.Add(new("open", $"datasets/{Escape(id[..slash])}/{Escape(id[(slash + 1)..])}"));
                break;
            case LoopAudit.ApprovalSubject:
                links.Add(new("open", $"approvals#req-{Escape(id)}"));
                break;
            case JobAuditActions.RunSubject:
                links.Add(new("open", $"jobs/runs/{Escape(id)}"));
                break;
            case JobAuditActions.ScheduleSubject when slash > 0:
                links.Add(new("open", $"jobs?model={Uri.EscapeDataString(id[..slash])}"));
                break;
            case DriftReportSubject when driftModels.TryGetValue(id, out var driftModel):
                links.Add(new("open", DriftLink(driftModel, id)));
                break;
        }
        return links;
    }

    private static string DriftLink(string model, string reportId) => $"models/{Escape(model)}/drift?report={Uri.EscapeDataString(reportId)}";

    // Names are slugs and ids GUIDs or numbers; escaping keeps a hand-made subject from breaking the link.
    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string? PayloadText(AuditEvent e, string property)
    {
        try
        {
            using var doc = JsonDocument.Parse(e.Payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
