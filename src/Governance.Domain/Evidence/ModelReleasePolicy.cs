using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Domain.Releases;

namespace Governance.Domain.Evidence;

/// <summary>One version of a model's <see cref="ReleasePolicy"/>, stored as JSON. Changing a policy adds a row.</summary>
public sealed class ModelReleasePolicy
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private ModelReleasePolicy()
    {
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public int Version { get; private set; }
    public string Policy { get; private set; } = "{}";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static ModelReleasePolicy Create(Guid modelId, ReleasePolicy policy, string createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        return new ModelReleasePolicy
        {
            Id = Guid.CreateVersion7(now),
            ModelId = modelId,
            Version = policy.Version,
            Policy = JsonSerializer.Serialize(policy, Json),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
    }

    public ReleasePolicy ToPolicy() => JsonSerializer.Deserialize<ReleasePolicy>(Policy, Json)
        ?? throw new InvalidOperationException($"Release policy {Id} holds no policy.");
}
