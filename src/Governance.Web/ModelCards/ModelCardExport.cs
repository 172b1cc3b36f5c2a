namespace Governance.Web.ModelCards;

/// <summary>The formats a model card is exported in.</summary>
public enum ModelCardFormat
{
    Pdf,
    Html,
}

/// <summary>An exported card: the exact bytes served, their SHA-256 (lower-case hex) and the audit event that records them.</summary>
public sealed record ModelCardExport(byte[] Content, string ContentType, string FileName, string Sha256, long AuditSequence);
