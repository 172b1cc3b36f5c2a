namespace Governance.Domain.Audit;

/// <summary>The action names the trail uses, so filters and reports can rely on them.</summary>
public static class AuditActions
{
    public const string ModelRegistered = "model.registered";
    public const string ModelUpdated = "model.updated";
    public const string VersionRegistered = "version.registered";
    public const string VersionStageChanged = "version.stage-changed";
    public const string DatasetVersionRegistered = "dataset.version-registered";
    public const string UserCreated = "user.created";
    public const string UserRolesChanged = "user.roles-changed";
    public const string TokenIssued = "token.issued";
    public const string TokenRevoked = "token.revoked";
    public const string AuditExported = "audit.exported";
    public const string SignedIn = "auth.signed-in";
}
