using System.Text;
using Governance.Data.Datasets;
using Governance.Domain;
using Governance.Domain.Registry;

namespace Governance.Data.Tests.Datasets;

public sealed class DatasetFileParserTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly DatasetFileParser _parser = new();

    private DatasetFile Parse(string content, DatasetFormat format) => Parse(Encoding.UTF8.GetBytes(content), format);

    private DatasetFile Parse(byte[] content, DatasetFormat format) =>
        _parser.Parse(new MemoryStream(content), format, Hash, content.Length);

    private string Error(string content, DatasetFormat format) =>
        Assert.Throws<DomainException>(() => Parse(content, format)) is { Kind: DomainErrorKind.Invalid } e
            ? e.Message
            : throw new InvalidOperationException("expected an Invalid error");

    [Fact]
    public void Jsonl_columns_are_the_union_of_keys_in_first_seen_order()
    {
        var file = Parse("{\"text\":\"a\",\"label\":1}\n\n{\"label\":0,\"lang\":\"en\",\"text\":\"b\"}\r\n{\"x\":null}", DatasetFormat.Jsonl);

        Assert.Equal((DatasetFormat.Jsonl, Hash, 3L), (file.Format, file.ContentHash, file.RowCount));
        Assert.Equal(["text", "label", "lang", "x"], file.Columns);
    }

    [Theory]
    [InlineData("{\"a\":1}\n{\"a\":\n", "Line 2 is not valid JSON")]
    [InlineData("{\"a\":1}\n[1,2]\n", "Line 2 is a JSON array, not an object")]
    [InlineData("\"text\"\n", "Line 1 is a JSON string")]
    [InlineData("\n\n  \n", "no rows")]
    public void Malformed_jsonl_names_the_line_and_problem(string content, string expected)
    {
        Assert.Contains(expected, Error(content, DatasetFormat.Jsonl), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":\"x\"}\n{\"a\":\"").Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}\n"u8.ToArray()).ToArray();

        var error = Assert.Throws<DomainException>(() => Parse(bytes, DatasetFormat.Jsonl));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Contains("empty", Error("", DatasetFormat.Csv), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_follows_rfc4180_quoting()
    {
        var csv = "text,label\r\n\"Hello, \"\"friend\"\"\",ham\r\n\"two\nlines\",spam\r\nplain,\r\n";

        var file = Parse(csv, DatasetFormat.Csv);

        Assert.Equal(["text", "label"], file.Columns);
        Assert.Equal(3, file.RowCount);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "CSV row 2 (line 3) has 1 fields; the header has 2")]
    [InlineData("a,b\n1,2,3\n", "CSV row 1 (line 2) has 3 fields")]
    [InlineData("a,b\n1,x\"y\n", "line 2: a quote inside an unquoted field")]
    [InlineData("a,b\n\"1\"x,2\n", "line 2: unexpected 'x' after a closing quote")]
    [InlineData("a,b\n1,\"open\n2,3\n", "line 2: a quoted field is never closed")]
    [InlineData("a,b\n", "header but no data rows")]
    [InlineData("a,,c\n1,2,3\n", "header column 2 has no name")]
    [InlineData("a,b,a\n1,2,3\n", "column 'a' more than once")]
    public void Malformed_csv_names_the_row_and_problem(string content, string expected)
    {
        Assert.Contains(expected, Error(content, DatasetFormat.Csv), StringComparison.Ordinal);
    }
}
