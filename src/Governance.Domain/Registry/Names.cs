using System.Text.RegularExpressions;

namespace Governance.Domain.Registry;

/// <summary>Registry names appear in URLs, paths of artifacts and audit subjects, so they are slugs.</summary>
public static partial class Names
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    public static string RequireSlug(string? name, string what)
    {
        if (name is null || !SlugPattern().IsMatch(name))
        {
            throw DomainException.Invalid(
                $"{what} name '{name}' is not valid: use 1 to 63 lower-case letters, digits or '-', starting with a letter or digit.");
        }
        return name;
    }

    public static string RequireText(string? value, string what, int maxLength, bool required = true)
    {
        value = value?.Trim() ?? "";
        if (required && value.Length == 0)
        {
            throw DomainException.Invalid($"{what} is required.");
        }
        if (value.Length > maxLength)
        {
            throw DomainException.Invalid($"{what} is longer than {maxLength} characters.");
        }
        return value;
    }
}
