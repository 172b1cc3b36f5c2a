using Microsoft.AspNetCore.Identity;

namespace Governance.Data.Identity;

/// <summary>A person who signs in to the portal; roles are Identity roles named after <c>Roles</c>.</summary>
public class GovernanceUser : IdentityUser
{
    /// <summary>Name shown in the portal; the user name stays the identity used in audit events.</summary>
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
