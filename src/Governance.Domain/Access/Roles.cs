namespace Governance.Domain.Access;

/// <summary>The roles of the platform. A user may hold several; an API token holds exactly one.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string MLEngineer = "MLEngineer";
    public const string ComplianceOfficer = "ComplianceOfficer";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, MLEngineer, ComplianceOfficer, Viewer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
