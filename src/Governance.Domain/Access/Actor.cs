namespace Governance.Domain.Access;

/// <summary>Who did something: a signed-in user, an API token, or a scheduled job.</summary>
public enum ActorKind
{
    User,
    Token,
    Job,
    System,
}

/// <summary>The actor recorded on every audit event.</summary>
public sealed record Actor(string Name, ActorKind Kind)
{
    public static Actor System { get; } = new("system", ActorKind.System);

    public static Actor User(string userName) => new(userName, ActorKind.User);

    public static Actor Job(string jobName) => new(jobName, ActorKind.Job);

    /// <summary>Encoded as it is stored and hashed: "user:alice", "job:retrain".</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}
