using Governance.Learning.Nn;

namespace Governance.Learning.Serialization;

/// <summary>Copies named tensors into a module's parameters, checking that names and shapes match.</summary>
public static class WeightLoader
{
    /// <summary>
    /// Loads every parameter of <paramref name="parameters"/> from <paramref name="tensors"/>. Missing names or
    /// shape mismatches throw <see cref="InvalidDataException"/> listing them; unexpected extra tensors throw when
    /// <paramref name="strict"/>.
    /// </summary>
    public static void Load(IEnumerable<NamedParameter> parameters, IReadOnlyDictionary<string, SafeTensor> tensors, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tensors);
        var list = parameters.ToList();
        var problems = new List<string>();
        foreach (var p in list)
        {
            if (!tensors.TryGetValue(p.Name, out var t))
            {
                problems.Add($"missing tensor '{p.Name}'");
                continue;
            }
            if (!t.Shape.AsSpan().SequenceEqual(p.Value.Shape))
                problems.Add($"'{p.Name}' has shape [{string.Join(", ", t.Shape)}], the model expects [{string.Join(", ", p.Value.Shape)}]");
        }
        if (strict)
        {
            var expected = list.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(tensors.Keys.Where(k => !expected.Contains(k)).Select(k => $"unexpected tensor '{k}'"));
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"Checkpoint does not match the model: {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? $" (and {problems.Count - 10} more)" : "")}.");
        foreach (var p in list) tensors[p.Name].Data.CopyTo(p.Value.Data);
    }

    /// <summary>Renames old-style BERT names (LayerNorm.gamma/beta) and adds <paramref name="prefix"/> where missing.</summary>
    public static IReadOnlyDictionary<string, SafeTensor> NormaliseBertNames(IReadOnlyDictionary<string, SafeTensor> tensors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var result = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (var (name, t) in tensors)
        {
            var n = name.Replace("LayerNorm.gamma", "LayerNorm.weight", StringComparison.Ordinal)
                        .Replace("LayerNorm.beta", "LayerNorm.bias", StringComparison.Ordinal);
            if (prefix.Length > 0 && (n.StartsWith("embeddings.", StringComparison.Ordinal) || n.StartsWith("encoder.", StringComparison.Ordinal) || n.StartsWith("pooler.", StringComparison.Ordinal)))
                n = prefix + "." + n;
            result[n] = t with { Name = n };
        }
        return result;
    }
}
