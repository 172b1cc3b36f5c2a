using Governance.Domain;

namespace Governance.Web.Endpoints;

/// <summary>Checks on request bodies the JSON binder lets through.</summary>
internal static class ApiInput
{
    /// <summary>A body of JSON <c>null</c> binds as null; it is as invalid as an empty one.</summary>
    public static T Require<T>(T? body) where T : class =>
        body ?? throw DomainException.Invalid($"The request body must be a JSON object ({typeof(T).Name}).");
}
