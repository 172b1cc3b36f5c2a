namespace Governance.Domain;

/// <summary>What kind of rule a request broke; the API maps it to an HTTP status.</summary>
public enum DomainErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>A request that breaks a domain rule. The message says what is wrong in the user's words.</summary>
public sealed class DomainException(DomainErrorKind kind, string message) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    public static DomainException Invalid(string message) => new(DomainErrorKind.Invalid, message);
    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);
    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);
    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);
}
