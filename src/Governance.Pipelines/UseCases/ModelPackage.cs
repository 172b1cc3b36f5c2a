using System.IO.Compression;
using Governance.Learning.Nn;
using Governance.Learning.Serialization;
using Governance.Learning.Tokenization;
using Governance.Learning.Training;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// A trained classifier as one artifact: a zip of config.json, model.safetensors (LoRA merged) and
/// tokenizer.json, entries sorted with a fixed time stamp so the same weights give the same hash.
/// </summary>
public sealed class ModelPackage(SequenceClassifier classifier, Tokenizer tokenizer, int maxLength)
{
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public SequenceClassifier Classifier { get; } = classifier;
    public Tokenizer Tokenizer { get; } = tokenizer;
    public int MaxLength { get; } = maxLength;

    public byte[] ToZip(string scratch)
    {
        var dir = Path.Combine(scratch, "pack-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            ModelStore.SaveClassifier(Classifier, dir);
            Tokenizer.SaveTokenizerJson(Path.Combine(dir, "tokenizer.json"));
            File.WriteAllText(Path.Combine(dir, "max_length.txt"), MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
                {
                    var entry = zip.CreateEntry(Path.GetFileName(file), CompressionLevel.Optimal);
                    entry.LastWriteTime = EntryTime;
                    using var to = entry.Open();
                    using var from = File.OpenRead(file);
                    from.CopyTo(to);
                }
            }
            return buffer.ToArray();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static ModelPackage FromZip(Stream zipStream, string scratch)
    {
        var dir = Path.Combine(scratch, "unpack-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            using (var zip = new ZipArchive(zipStream, ZipArchiveMode.Read))
            {
                foreach (var entry in zip.Entries)
                {
                    if (entry.Name != entry.FullName || entry.Name is not ("config.json" or "model.safetensors" or "tokenizer.json" or "max_length.txt"))
                    {
                        throw new InvalidDataException($"Unexpected entry '{entry.FullName}' in a model package.");
                    }
                    entry.ExtractToFile(Path.Combine(dir, entry.Name));
                }
            }
            var classifier = ModelStore.LoadClassifier(dir);
            var tokenizer = Tokenizer.FromTokenizerJson(Path.Combine(dir, "tokenizer.json"));
            var maxLength = int.Parse(File.ReadAllText(Path.Combine(dir, "max_length.txt")), System.Globalization.CultureInfo.InvariantCulture);
            return new ModelPackage(classifier, tokenizer, maxLength);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public List<TokenizedExample> Encode(IReadOnlyList<string> texts, IReadOnlyList<int>? labels = null)
    {
        var result = new List<TokenizedExample>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var ids = Tokenizer.Encode(texts[i], MaxLength);
            result.Add(new TokenizedExample(ids, Enumerable.Repeat(1, ids.Length).ToArray(), labels?[i] ?? 0));
        }
        return result;
    }

    /// <summary>Class probabilities per text.</summary>
    public double[][] PredictProbabilities(IReadOnlyList<string> texts) =>
        Classifier.Predict(Encode(texts), batchSize: 64).Select(p => p.Probabilities.Select(x => (double)x).ToArray()).ToArray();
}
