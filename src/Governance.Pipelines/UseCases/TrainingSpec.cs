using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Pipelines.UseCases;

/// <summary>How a training run is done (method, shape, hyper-parameters, seed); stored as the version's training config.</summary>
public sealed record TrainingSpec
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public TrainingMethod Method { get; init; } = TrainingMethod.Full;
    /// <summary>Start from the production version's weights and tokenizer when there is one; else from scratch.</summary>
    public bool FromProduction { get; init; }
    public int VocabSize { get; init; } = 3000;
    public int MaxLength { get; init; } = 128;
    public int HiddenSize { get; init; } = 64;
    public int Layers { get; init; } = 2;
    public int Heads { get; init; } = 2;
    public int IntermediateSize { get; init; } = 128;
    public int Epochs { get; init; } = 2;
    public int BatchSize { get; init; } = 32;
    public float LearningRate { get; init; } = 1e-3f;
    public int LoraRank { get; init; } = 8;
    public long Seed { get; init; } = 42;
    /// <summary>Use at most this many training rows (0 = all); keeps tests small.</summary>
    public int MaxTrainRows { get; init; }
    public int CheckpointEverySteps { get; init; } = 20;
    /// <summary>The JobRun that trained the version; makes registration idempotent.</summary>
    public Guid? JobRunId { get; init; }

    /// <summary>Small enough to finish in minutes on 2 cores (the demo's first training).</summary>
    public static TrainingSpec Demo => new();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainingSpec? FromJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("method", out _)
                ? JsonSerializer.Deserialize<TrainingSpec>(json, Json)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Validate()
    {
        if (VocabSize < 100 || MaxLength < 8 || HiddenSize < 8 || Layers < 1 || Heads < 1 || HiddenSize % Heads != 0 || Epochs < 1 || BatchSize < 1 || LearningRate <= 0)
        {
            throw new ArgumentException($"Training spec is not usable: {ToJson()}", nameof(TrainingSpec));
        }
    }
}

public enum TrainingMethod
{
    Full,
    Lora,
}
