namespace Governance.Web.Auth;

/// <summary>
/// Declares on a page which policy a POST of one of its forms (by <c>@formname</c>) requires. The page's
/// own <c>[Authorize]</c> only covers reading it; <see cref="FormPolicyMiddleware"/> answers a form post
/// by a user outside this policy with 403 before Blazor looks for the form. A name ending in <c>*</c>
/// covers every form whose name starts with the rest (forms named per item, e.g. <c>decide-{id}</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FormPolicyAttribute(string formName, string policy) : Attribute
{
    public string FormName { get; } = formName;

    public string Policy { get; } = policy;

    /// <summary>Whether a posted <c>_handler</c> names this form (or, for a trailing <c>*</c>, one of its family).</summary>
    public bool Covers(string handler) =>
        FormName.EndsWith('*')
            ? handler.StartsWith(FormName[..^1], StringComparison.Ordinal)
            : string.Equals(FormName, handler, StringComparison.Ordinal);
}
