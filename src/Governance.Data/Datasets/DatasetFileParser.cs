using System.Text;
using System.Text.Json;
using Governance.Domain;
using Governance.Domain.Registry;

namespace Governance.Data.Datasets;

/// <summary>
/// Reads an uploaded dataset file once to find its rows and columns. JSONL: one JSON object per
/// line, columns are the union of keys in first-seen order, blank lines are skipped. CSV: RFC 4180
/// with a header row, every row as wide as the header. Malformed input is a
/// <see cref="DomainException"/> (Invalid) naming the line or row and the problem.
/// </summary>
public sealed class DatasetFileParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses <paramref name="content"/>; hash and size are those the artifact store measured.</summary>
    public DatasetFile Parse(Stream content, DatasetFormat format, string contentHash, long sizeBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (sizeBytes == 0)
        {
            throw DomainException.Invalid("The dataset file is empty.");
        }
        using var reader = new StreamReader(content, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 65536, leaveOpen: true);
        var (rows, columns) = format switch
        {
            DatasetFormat.Jsonl => ParseJsonl(reader),
            DatasetFormat.Csv => ParseCsv(reader),
            _ => throw DomainException.Invalid($"Unknown dataset format '{format}'."),
        };
        if (rows == 0)
        {
            throw DomainException.Invalid(format == DatasetFormat.Csv
                ? "The CSV file has a header but no data rows."
                : "The JSONL file has no rows.");
        }
        return new DatasetFile(format, contentHash, sizeBytes, rows, columns);
    }

    private static (long Rows, IReadOnlyList<string> Columns) ParseJsonl(StreamReader reader)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0;
        long lineNumber = 0;
        while (ReadLine(reader, lineNumber + 1) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw DomainException.Invalid($"Line {lineNumber} is not valid JSON: {ex.Message}");
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw DomainException.Invalid($"Line {lineNumber} is a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object.");
                }
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (seen.Add(property.Name))
                    {
                        columns.Add(property.Name);
                    }
                }
            }
            rows++;
        }
        return (rows, columns);
    }

    private static string? ReadLine(StreamReader reader, long lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException)
        {
            throw DomainException.Invalid($"The JSONL file is not valid UTF-8 (near line {lineNumber}).");
        }
    }

    private static (long Rows, IReadOnlyList<string> Columns) ParseCsv(StreamReader reader)
    {
        var csv = new CsvRecordReader(reader);
        var fields = new List<string>();
        try
        {
            if (!csv.Read(fields))
            {
                throw DomainException.Invalid("The CSV file has no header row.");
            }
            var header = fields.ToList();
            for (var i = 0; i < header.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(header[i]))
                {
                    throw DomainException.Invalid($"CSV header column {i + 1} has no name.");
                }
            }
            var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw DomainException.Invalid($"CSV header names column '{duplicate.Key}' more than once.");
            }
            long rows = 0;
            while (csv.Read(fields))
            {
                rows++;
                if (fields.Count != header.Count)
                {
                    throw DomainException.Invalid(
                        $"CSV row {rows} (line {csv.RecordLine}) has {fields.Count} fields; the header has {header.Count}.");
                }
            }
            return (rows, header);
        }
        catch (DecoderFallbackException)
        {
            throw DomainException.Invalid($"The CSV file is not valid UTF-8 (near line {csv.RecordLine}).");
        }
    }
}
