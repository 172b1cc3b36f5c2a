using Governance.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace Governance.Web.Auth;

/// <summary>
/// The named authorization policies. Every endpoint and page declares exactly one of these
/// (<c>RequireAuthorization(Policies.X)</c> or <c>[Authorize(Policy = Policies.X)]</c>); a test fails on
/// any endpoint without one. Anything undeclared falls back to "signed in".
/// </summary>
public static class Policies
{
    /// <summary>Any authenticated user, even one without a role: sign out, see the home page.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Any signed-in user or token with one of the platform's roles: read the registry.</summary>
    public const string CanRead = nameof(CanRead);

    /// <summary>Admin or MLEngineer: register and edit models, versions and datasets, change stages.</summary>
    public const string CanEditRegistry = nameof(CanEditRegistry);

    /// <summary>Admin, ComplianceOfficer or MLEngineer: read, verify and export the audit trail.</summary>
    public const string CanReviewAudit = nameof(CanReviewAudit);

    /// <summary>Any role: issue, list and revoke one's own API tokens (only for roles one holds).</summary>
    public const string CanManageOwnTokens = nameof(CanManageOwnTokens);

    /// <summary>Admin only: create users, assign roles.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>Every policy name with the roles it admits (none listed: any authenticated user).</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [SignedIn] = [],
        [CanRead] = [.. Roles.All],
        [CanEditRegistry] = [Roles.Admin, Roles.MLEngineer],
        [CanReviewAudit] = [Roles.Admin, Roles.ComplianceOfficer, Roles.MLEngineer],
        [CanManageOwnTokens] = [.. Roles.All],
        [Admin] = [Roles.Admin],
    };

    /// <summary>Registers the policies and the fallback (an authenticated user) in one place.</summary>
    public static void Configure(AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in RolesByPolicy)
        {
            builder.AddPolicy(name, p =>
            {
                p.RequireAuthenticatedUser();
                if (roles.Length > 0)
                {
                    p.RequireRole(roles);
                }
            });
        }
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
