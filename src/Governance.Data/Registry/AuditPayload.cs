using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Domain.Registry;

namespace Governance.Data.Registry;

/// <summary>How use cases write audit payloads: compact camelCase JSON, enums as names.</summary>
public static class AuditPayload
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises a payload object (an anonymous object or record) to JSON text.</summary>
    public static string Of(object payload) => JsonSerializer.Serialize(payload, Options);

    internal static object Snapshot(Model m) => new
    {
        m.Id,
        m.Name,
        m.Task,
        m.Domain,
        m.Owner,
        m.RiskTier,
        m.IntendedUse,
        m.Description,
        m.SensitiveAttributes,
    };

    internal static object Snapshot(ModelVersion v, string modelName) => new
    {
        v.Id,
        Model = modelName,
        v.Number,
        v.Stage,
        v.ParentVersionId,
        v.DatasetVersionId,
        v.ArtifactHash,
        v.TrainingConfig,
        v.Seed,
        v.CodeVersion,
        v.Description,
    };

    internal static object Snapshot(DatasetVersion d) => new
    {
        d.Id,
        d.Name,
        d.Version,
        d.Format,
        d.ContentHash,
        d.SizeBytes,
        d.RowCount,
        d.Columns,
        d.Source,
        d.Description,
        d.WindowStart,
        d.WindowEnd,
    };
}
