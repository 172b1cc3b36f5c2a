using System.Text;
using Governance.Domain;

namespace Governance.Data.Datasets;

/// <summary>
/// A strict RFC 4180 record reader: comma-separated fields, CRLF or LF line ends, fields optionally
/// in double quotes with "" for a quote, line breaks allowed inside quotes. A quote inside an
/// unquoted field, text after a closing quote, or an unclosed quote is an error naming the line.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private long _line = 1;

    /// <summary>The line the last record started on (1-based).</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next non-blank record into <paramref name="fields"/>; false at the end.</summary>
    public bool Read(List<string> fields)
    {
        while (true)
        {
            fields.Clear();
            RecordLine = _line;
            var c = reader.Read();
            if (c < 0)
            {
                return false;
            }
            if (c is '\n' or '\r')
            {
                EndLine(c);
                continue; // blank line
            }
            ReadRecord(c, fields);
            return true;
        }
    }

    private void ReadRecord(int c, List<string> fields)
    {
        while (true)
        {
            _field.Clear();
            if (c == '"')
            {
                c = ReadQuoted();
            }
            else
            {
                while (c >= 0 && c is not (',' or '\n' or '\r'))
                {
                    if (c == '"')
                    {
                        throw DomainException.Invalid($"CSV line {_line}: a quote inside an unquoted field; quote the whole field and double the quote.");
                    }
                    _field.Append((char)c);
                    c = reader.Read();
                }
            }
            fields.Add(_field.ToString());
            if (c == ',')
            {
                c = reader.Read();
                continue;
            }
            if (c >= 0)
            {
                EndLine(c);
            }
            return;
        }
    }

    /// <summary>Reads a quoted field after its opening quote; returns the character after the closing quote.</summary>
    private int ReadQuoted()
    {
        var startLine = _line;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                throw DomainException.Invalid($"CSV line {startLine}: a quoted field is never closed.");
            }
            if (c == '"')
            {
                var next = reader.Read();
                if (next == '"')
                {
                    _field.Append('"');
                    continue;
                }
                if (next >= 0 && next is not (',' or '\n' or '\r'))
                {
                    throw DomainException.Invalid($"CSV line {_line}: unexpected '{(char)next}' after a closing quote.");
                }
                return next;
            }
            if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
            {
                _line++;
            }
            _field.Append((char)c);
        }
    }

    private void EndLine(int c)
    {
        if (c == '\r' && reader.Peek() == '\n')
        {
            reader.Read();
        }
        _line++;
    }
}
