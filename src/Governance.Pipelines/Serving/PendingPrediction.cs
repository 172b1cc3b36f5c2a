namespace Governance.Pipelines.Serving;

/// <summary>A sampled prediction waiting for the log writer; redaction and features happen there, off the request path.</summary>
public sealed record PendingPrediction(Guid Id, Guid ModelId, Guid VersionId, int VersionNumber, DateTimeOffset At,
    string Text, int Label, float[] Probabilities, bool KeepText);
