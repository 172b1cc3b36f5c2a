using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Learning.Serialization;

/// <summary>
/// The safetensors format: 8-byte little-endian header length N, N bytes of JSON mapping each name to
/// {dtype, shape, data_offsets [begin, end)} relative to the data section (plus an optional "__metadata__"
/// string map), then the raw little-endian data. Reads F32, F16 and BF16 (converted to float); writes F32.
/// </summary>
public static class SafeTensorsFile
{
    private const long MaxHeader = 100_000_000;

    /// <summary>Writes the tensors (in the given order) to <paramref name="path"/> atomically: a temp file, then rename.</summary>
    public static void Write(string path, IEnumerable<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors writing assumes a little-endian machine.");
        var list = tensors.ToList();
        var header = new JsonObject();
        if (metadata is not null)
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata) meta[k] = v;
            header["__metadata__"] = meta;
        }
        long offset = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in list)
        {
            if (!seen.Add(t.Name)) throw new ArgumentException($"Tensor name '{t.Name}' appears twice.", nameof(tensors));
            var expected = t.Shape.Aggregate(1L, (a, d) => a * d);
            if (expected != t.Data.Length) throw new ArgumentException($"Tensor '{t.Name}': shape [{string.Join(", ", t.Shape)}] does not hold {t.Data.Length} values.", nameof(tensors));
            var bytes = (long)t.Data.Length * sizeof(float);
            header[t.Name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
                stream.Write(length);
                stream.Write(json);
                for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
                foreach (var t in list) stream.Write(MemoryMarshal.AsBytes(t.Data.AsSpan()));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp)) File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads every tensor and the metadata; a malformed file throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static (IReadOnlyDictionary<string, SafeTensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"{path}: too short for a safetensors file ({bytes.Length} bytes).");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)Math.Min(MaxHeader, bytes.Length - 8))
            throw new InvalidDataException($"{path}: header length {headerLength} exceeds the file ({bytes.Length} bytes).");
        var dataStart = 8 + (int)headerLength;
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength)) as JsonObject
                ?? throw new InvalidDataException($"{path}: header is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: header is not valid JSON ({e.Message}).", e);
        }
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                if (node is JsonObject meta)
                    foreach (var (k, v) in meta) metadata[k] = v?.GetValue<string>() ?? "";
                continue;
            }
            var dtype = (node as JsonObject)?["dtype"]?.GetValue<string>();
            // Integer and boolean buffers (e.g. BERT's position_ids) are not weights; they are skipped.
            if (dtype is "I64" or "I32" or "I16" or "I8" or "U8" or "BOOL") continue;
            tensors[name] = ReadTensor(path, name, node as JsonObject, bytes, dataStart);
        }
        return (tensors, metadata);
    }

    private static SafeTensor ReadTensor(string path, string name, JsonObject? entry, byte[] bytes, int dataStart)
    {
        if (entry is null) throw new InvalidDataException($"{path}: entry '{name}' is not an object.");
        var dtype = entry["dtype"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: '{name}' has no dtype.");
        var shape = (entry["shape"] as JsonArray ?? throw new InvalidDataException($"{path}: '{name}' has no shape."))
            .Select(d => d!.GetValue<int>()).ToArray();
        var offsets = entry["data_offsets"] as JsonArray ?? throw new InvalidDataException($"{path}: '{name}' has no data_offsets.");
        if (offsets.Count != 2) throw new InvalidDataException($"{path}: '{name}' data_offsets must be [begin, end].");
        long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
        var count = shape.Aggregate(1L, (a, d) => a * d);
        var width = dtype switch
        {
            "F32" => 4,
            "F16" or "BF16" => 2,
            _ => throw new InvalidDataException($"{path}: '{name}' has dtype {dtype}; only F32, F16 and BF16 are supported."),
        };
        if (shape.Any(d => d < 0) || begin < 0 || end < begin || dataStart + end > bytes.Length || end - begin != count * width)
            throw new InvalidDataException($"{path}: '{name}' offsets [{begin}, {end}) do not fit shape [{string.Join(", ", shape)}] of {dtype} in the file.");
        var src = bytes.AsSpan(dataStart + (int)begin, (int)(end - begin));
        var data = new float[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = dtype switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(src[(i * 4)..]),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(src[(i * 2)..]),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(src[(i * 2)..]) << 16),
            };
        }
        return new SafeTensor(name, shape, data);
    }
}
