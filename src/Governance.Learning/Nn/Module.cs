namespace Governance.Learning.Nn;

/// <summary>A layer or model that owns parameters, listed with their full names.</summary>
public abstract class Module
{
    /// <summary>Every parameter under this module, names prefixed with <paramref name="prefix"/>.</summary>
    public abstract IEnumerable<NamedParameter> Parameters(string prefix);

    /// <summary>Name join helper: "a" + "b" = "a.b"; an empty prefix adds nothing.</summary>
    protected static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}
