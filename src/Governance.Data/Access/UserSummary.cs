namespace Governance.Data.Access;

/// <summary>A portal user as administration pages show it.</summary>
public sealed record UserSummary(string Id, string UserName, string DisplayName, string? Email, DateTimeOffset CreatedAt, IReadOnlyList<string> Roles, bool IsLockedOut);
