using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Learning.Nn;

namespace Governance.Learning.Serialization;

/// <summary>
/// Saves and loads models as a Hugging Face style folder: config.json + model.safetensors with BERT tensor names.
/// LoRA adapters can be saved alone (adapter_model.safetensors + adapter_config.json) or merged into the base.
/// </summary>
public static class ModelStore
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes config.json and model.safetensors. With <paramref name="mergeLora"/> adapters are folded in first.</summary>
    public static void SaveClassifier(SequenceClassifier model, string directory, bool mergeLora = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!mergeLora && model.HasLora)
            throw new InvalidOperationException("A model with LoRA adapters is saved merged, or its adapters alone with SaveAdapters.");
        Directory.CreateDirectory(directory);
        if (mergeLora) model.MergeLora();
        SaveConfig(model.Config, directory);
        var tensors = model.Parameters().Select(p => new SafeTensor(p.Name, p.Value.Shape, p.Value.ToArray()));
        SafeTensorsFile.Write(Path.Combine(directory, "model.safetensors"), tensors, new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>Loads a classifier saved by <see cref="SaveClassifier"/> or a Hugging Face BertForSequenceClassification folder.</summary>
    public static SequenceClassifier LoadClassifier(string directory)
    {
        var config = LoadConfig(directory);
        var model = new SequenceClassifier(config);
        var (tensors, _) = SafeTensorsFile.Read(Path.Combine(directory, "model.safetensors"));
        WeightLoader.Load(model.Parameters(), WeightLoader.NormaliseBertNames(tensors, "bert"));
        return model;
    }

    /// <summary>
    /// Starts a classifier with <paramref name="numLabels"/> classes from a pre-trained BERT folder (BertModel,
    /// BertForMaskedLM or BertForSequenceClassification): the encoder must be complete; the pooler and classifier
    /// are taken when present with matching shapes, otherwise freshly initialised from <paramref name="seed"/>.
    /// Other tensors (e.g. the masked-LM head) are ignored.
    /// </summary>
    public static SequenceClassifier LoadPretrained(string directory, int numLabels, ulong seed = 42)
    {
        var config = LoadConfig(directory) with { NumLabels = numLabels };
        var model = new SequenceClassifier(config, seed);
        var (tensors, _) = SafeTensorsFile.Read(Path.Combine(directory, "model.safetensors"));
        var named = WeightLoader.NormaliseBertNames(tensors, "bert");
        var encoder = named.Where(t => t.Key.StartsWith("bert.", StringComparison.Ordinal) && !t.Key.StartsWith("bert.pooler.", StringComparison.Ordinal))
            .ToDictionary(t => t.Key, t => t.Value);
        WeightLoader.Load(model.Encoder.Parameters("bert"), encoder);
        var head = model.Pooler.Parameters("bert.pooler.dense").Concat(model.Classifier.Parameters("classifier")).ToList();
        if (head.All(p => named.TryGetValue(p.Name, out var t) && t.Shape.AsSpan().SequenceEqual(p.Value.Shape)))
            WeightLoader.Load(head, named.Where(t => head.Any(p => p.Name == t.Key)).ToDictionary(t => t.Key, t => t.Value));
        else if (model.Pooler.Parameters("bert.pooler.dense").All(p => named.ContainsKey(p.Name)))
            WeightLoader.Load(model.Pooler.Parameters("bert.pooler.dense"), named.Where(t => t.Key.StartsWith("bert.pooler.", StringComparison.Ordinal)).ToDictionary(t => t.Key, t => t.Value));
        return model;
    }

    /// <summary>Loads a bare encoder (Hugging Face BertModel folder, names with or without "bert."); the pooler, if any, is ignored.</summary>
    public static TransformerEncoder LoadEncoder(string directory)
    {
        var config = LoadConfig(directory);
        var encoder = new TransformerEncoder(config, new Autograd.RandomSource(0));
        var (tensors, _) = SafeTensorsFile.Read(Path.Combine(directory, "model.safetensors"));
        var named = WeightLoader.NormaliseBertNames(tensors, "bert");
        var encoderOnly = named.Where(t => t.Key.StartsWith("bert.", StringComparison.Ordinal) && !t.Key.StartsWith("bert.pooler.", StringComparison.Ordinal))
            .ToDictionary(t => t.Key, t => t.Value);
        WeightLoader.Load(encoder.Parameters("bert"), encoderOnly);
        return encoder;
    }

    /// <summary>Writes only the LoRA tensors (and the trainable head) to adapter_model.safetensors.</summary>
    public static void SaveAdapters(SequenceClassifier model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.HasLora) throw new InvalidOperationException("The model has no LoRA adapters to save.");
        Directory.CreateDirectory(directory);
        var tensors = model.Parameters().Where(p => p.Value.RequiresGrad)
            .Select(p => new SafeTensor(p.Name, p.Value.Shape, p.Value.ToArray()));
        var first = model.Encoder.ProjectionLayers().First(l => l.Layer.Lora is not null).Layer.Lora!;
        var roles = model.Encoder.ProjectionLayers().Where(l => l.Layer.Lora is not null).Select(l => l.Role).Distinct().ToArray();
        var config = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["r"] = first.A.Shape[0],
            ["lora_alpha"] = first.Scale * first.A.Shape[0],
            ["lora_dropout"] = first.Dropout,
            ["target_modules"] = new JsonArray(roles.Select(r => (JsonNode)r!).ToArray()),
        };
        File.WriteAllText(Path.Combine(directory, "adapter_config.json"), config.ToJsonString(JsonOptions));
        SafeTensorsFile.Write(Path.Combine(directory, "adapter_model.safetensors"), tensors);
    }

    /// <summary>Attaches adapters described by adapter_config.json to <paramref name="model"/> and loads their tensors.</summary>
    public static void LoadAdapters(SequenceClassifier model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "adapter_config.json")))
            ?? throw new InvalidDataException("adapter_config.json is empty.");
        var rank = config["r"]!.GetValue<int>();
        var options = new LoraOptions(rank, config["lora_alpha"]!.GetValue<float>(), config["lora_dropout"]!.GetValue<float>(),
            config["target_modules"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
        if (!model.HasLora) model.ApplyLora(options);
        var (tensors, _) = SafeTensorsFile.Read(Path.Combine(directory, "adapter_model.safetensors"));
        WeightLoader.Load(model.Parameters().Where(p => p.Value.RequiresGrad), tensors);
    }

    /// <summary>Writes config.json with Hugging Face field names.</summary>
    public static void SaveConfig(EncoderConfig config, string directory)
    {
        ArgumentNullException.ThrowIfNull(config);
        var node = JsonSerializer.SerializeToNode(config, JsonOptions)!.AsObject();
        node["model_type"] = "bert";
        node["hidden_act"] = "gelu";
        node["architectures"] = new JsonArray("BertForSequenceClassification");
        node["id2label"] = new JsonObject(Enumerable.Range(0, config.NumLabels).Select(i => KeyValuePair.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)$"LABEL_{i}")));
        File.WriteAllText(Path.Combine(directory, "config.json"), node.ToJsonString(JsonOptions));
    }

    /// <summary>Reads config.json; unknown fields are ignored, an activation other than GELU or an invalid shape throws.</summary>
    public static EncoderConfig LoadConfig(string directory)
    {
        var path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"No config.json in {directory}.", path);
        var text = File.ReadAllText(path);
        var config = JsonSerializer.Deserialize<EncoderConfig>(text) ?? throw new InvalidDataException($"{path} is empty.");
        var node = JsonNode.Parse(text)!.AsObject();
        var act = node["hidden_act"]?.GetValue<string>() ?? "gelu";
        if (act != "gelu") throw new InvalidDataException($"{path}: hidden_act '{act}' is not supported (only the erf GELU, 'gelu').");
        // Other families differ in ways the weights do not show (RoBERTa offsets positions by the pad id).
        var modelType = node["model_type"]?.GetValue<string>() ?? "bert";
        if (modelType != "bert") throw new InvalidDataException($"{path}: model_type '{modelType}' is not supported (only 'bert').");
        var positions = node["position_embedding_type"]?.GetValue<string>() ?? "absolute";
        if (positions != "absolute") throw new InvalidDataException($"{path}: position_embedding_type '{positions}' is not supported (only 'absolute').");
        if (node["id2label"] is JsonObject labels && node["num_labels"] is null) config = config with { NumLabels = labels.Count };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        return config;
    }
}
