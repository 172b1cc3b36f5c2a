namespace Governance.Web.ModelCards;

/// <summary>The audit action of a model card export; its subject is the version ("model-version", "name/n").</summary>
public static class ModelCardAudit
{
    public const string Exported = "model-card.exported";
}
