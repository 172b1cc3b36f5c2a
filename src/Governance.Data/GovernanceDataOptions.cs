namespace Governance.Data;

/// <summary>Where the data lives, resolved once from configuration by <c>AddGovernanceData</c>.</summary>
public sealed record GovernanceDataOptions(DatabaseProvider Provider, string ConnectionString, string ArtifactRoot);
