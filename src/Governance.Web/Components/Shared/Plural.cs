namespace Governance.Web.Components.Shared;

/// <summary>"1 version", "2 versions": counts read as sentences.</summary>
public static class Plural
{
    public static string Of(long count, string one, string many) => count == 1 ? one : many;
}
