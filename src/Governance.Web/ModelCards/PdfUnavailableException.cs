namespace Governance.Web.ModelCards;

/// <summary>The PDF could not be made here (no Chromium, a crash, a timeout); the HTML export still works.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
