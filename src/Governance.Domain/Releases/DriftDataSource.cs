namespace Governance.Domain.Releases;

/// <summary>Which data a drift check compares with production's training data.</summary>
public enum DriftDataSource
{
    /// <summary>The prediction log when it holds enough rows in the window, else the newest incoming dataset.</summary>
    Auto,
    /// <summary>Always the prediction log (no report when it holds too few rows).</summary>
    PredictionLog,
    /// <summary>Always the newest version of the model's incoming dataset.</summary>
    IncomingDataset,
}
