using System.Globalization;
using System.Text.Json;
using Governance.Learning.Nn;
using Governance.Learning.Optim;

namespace Governance.Learning.Serialization;

/// <summary>What a checkpoint restores besides tensors.</summary>
public sealed record CheckpointState(int Step, uint[] RandomState, IReadOnlyList<float> LossCurve);

/// <summary>
/// A resumable training checkpoint in one safetensors file (written to a temp file, then renamed, so a killed
/// run never leaves a corrupt one): model weights under their names, AdamW moments under
/// "optimizer.{name}.exp_avg"/".exp_avg_sq", and step, optimizer step, RNG state and loss curve in the metadata.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>File name inside the checkpoint directory.</summary>
    public const string FileName = "checkpoint.safetensors";

    /// <summary>Writes the checkpoint to <paramref name="directory"/>/checkpoint.safetensors.</summary>
    public static void Save(string directory, Module model, AdamW optimizer, int step, uint[] randomState, IReadOnlyList<float> lossCurve)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var tensors = model.Parameters("").Select(p => new SafeTensor(p.Name, p.Value.Shape, p.Value.ToArray())).ToList();
        for (var i = 0; i < optimizer.Parameters.Count; i++)
        {
            var p = optimizer.Parameters[i];
            tensors.Add(new SafeTensor($"optimizer.{p.Name}.exp_avg", p.Value.Shape, optimizer.FirstMoments[i]));
            tensors.Add(new SafeTensor($"optimizer.{p.Name}.exp_avg_sq", p.Value.Shape, optimizer.SecondMoments[i]));
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "governance-training-checkpoint-v1",
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            ["optimizer_step"] = optimizer.Step.ToString(CultureInfo.InvariantCulture),
            ["rng_state"] = JsonSerializer.Serialize(randomState),
            // Round-trip exact: floats as their bit patterns.
            ["loss_curve_bits"] = JsonSerializer.Serialize(lossCurve.Select(BitConverter.SingleToInt32Bits).ToArray()),
        };
        SafeTensorsFile.Write(Path.Combine(directory, FileName), tensors, metadata);
    }

    /// <summary>Restores weights and optimizer state; throws <see cref="InvalidDataException"/> when the checkpoint does not match.</summary>
    public static CheckpointState Load(string directory, Module model, AdamW optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No training checkpoint at {path}.", path);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        if (!metadata.TryGetValue("format", out var format) || format != "governance-training-checkpoint-v1")
            throw new InvalidDataException($"{path} is not a training checkpoint (format '{format}').");
        var weights = tensors.Where(t => !t.Key.StartsWith("optimizer.", StringComparison.Ordinal)).ToDictionary(t => t.Key, t => t.Value);
        WeightLoader.Load(model.Parameters(""), weights);
        for (var i = 0; i < optimizer.Parameters.Count; i++)
        {
            var p = optimizer.Parameters[i];
            foreach (var (suffix, target) in new[] { ("exp_avg", optimizer.FirstMoments[i]), ("exp_avg_sq", optimizer.SecondMoments[i]) })
            {
                if (!tensors.TryGetValue($"optimizer.{p.Name}.{suffix}", out var t) || t.Data.Length != target.Length)
                    throw new InvalidDataException($"{path}: optimizer state for '{p.Name}' ({suffix}) is missing or has the wrong size.");
                t.Data.CopyTo(target, 0);
            }
        }
        optimizer.Step = int.Parse(metadata["optimizer_step"], CultureInfo.InvariantCulture);
        var rng = JsonSerializer.Deserialize<uint[]>(metadata["rng_state"]) ?? throw new InvalidDataException($"{path}: no RNG state.");
        var curve = (JsonSerializer.Deserialize<int[]>(metadata["loss_curve_bits"]) ?? []).Select(BitConverter.Int32BitsToSingle).ToList();
        return new CheckpointState(int.Parse(metadata["step"], CultureInfo.InvariantCulture), rng, curve);
    }
}
