namespace Governance.Pipelines.UseCases;

/// <summary>Audit action names written by the loop's use cases.</summary>
public static class LoopAudit
{
    public const string TrainingStarted = "training.started";
    public const string TrainingSucceeded = "training.succeeded";
    public const string EvaluationRecorded = "evaluation.recorded";
    public const string BiasReportRecorded = "bias.recorded";
    public const string DriftChecked = "drift.checked";
    public const string RetrainRequested = "retrain.requested";
    public const string GatesEvaluated = "gates.evaluated";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalDecided = "approval.decided";
    public const string ApprovalExpired = "approval.expired";
    public const string VersionRolledBack = "version.rolled-back";
    public const string PolicySet = "policy.set";
    public const string WebhookSubscribed = "webhook.subscribed";

    public const string ModelSubject = "model";
    public const string VersionSubject = "model-version";
    public const string ApprovalSubject = "approval-request";
}
