using Governance.Domain.Access;

namespace Governance.Data.Access;

/// <summary>A new token and its secret; the secret is shown to the user once and never stored.</summary>
public sealed record IssuedToken(ApiToken Token, string Secret);
