using Governance.Domain.Registry;

namespace Governance.Web.Components.Pages.Models;

/// <summary>The "Register model" form as posted; strings stay raw so a failed post re-shows what was typed.</summary>
public sealed class RegisterModelInput
{
    public string? Name { get; set; }
    public string? Task { get; set; }
    public string? Domain { get; set; }
    public string? Owner { get; set; }
    public RiskTier RiskTier { get; set; } = RiskTier.Limited;
    public string? IntendedUse { get; set; }
    public string? Description { get; set; }
    /// <summary>Comma-separated attribute names, e.g. "sender_cctld, language".</summary>
    public string? SensitiveAttributes { get; set; }

    /// <summary>The draft the registry validates; the domain reports what is wrong with it.</summary>
    public ModelDraft ToDraft() => new(
        Name?.Trim() ?? "",
        Task ?? "",
        Domain ?? "",
        Owner ?? "",
        RiskTier,
        IntendedUse,
        Description,
        (SensitiveAttributes ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
