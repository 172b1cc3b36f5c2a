using Governance.Domain.Registry;

namespace Governance.Web.Components.Pages.Models;

/// <summary>The stage-change form as posted: which version, where to, and why (the reason goes into the audit payload).</summary>
public sealed class StageChangeInput
{
    public int? Version { get; set; }
    public ModelStage? Target { get; set; }
    public string? Reason { get; set; }
}
