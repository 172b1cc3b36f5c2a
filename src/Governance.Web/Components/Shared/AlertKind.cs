namespace Governance.Web.Components.Shared;

/// <summary>How serious an <see cref="AlertMessage"/> is; maps to Bootstrap's alert colours.</summary>
public enum AlertKind
{
    Info,
    Success,
    Warning,
    Danger,
}
