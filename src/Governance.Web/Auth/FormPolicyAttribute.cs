namespace Governance.Web.Auth;

/// <summary>
/// Declares on a page which policy a POST of one of its forms (by <c>@formname</c>) requires. The page's
/// own <c>[Authorize]</c> only covers reading it; <see cref="FormPolicyMiddleware"/> answers a form post
/// by a user outside this policy with 403 before Blazor looks for the form.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FormPolicyAttribute(string formName, string policy) : Attribute
{
    public string FormName { get; } = formName;

    public string Policy { get; } = policy;
}
