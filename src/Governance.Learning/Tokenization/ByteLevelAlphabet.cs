namespace Governance.Learning.Tokenization;

/// <summary>
/// GPT-2's reversible byte-to-character table: printable bytes (33..126, 161..172, 174..255) map to
/// themselves, the other 68 bytes to U+0100 onwards in byte order, so every byte string becomes a
/// string of visible characters (a space becomes 'Ġ', a newline 'Ċ').
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildTable();
    private static readonly Dictionary<char, byte> CharToByte = BuildInverse();

    public static char Map(byte b) => ByteToChar[b];

    public static bool TryUnmap(char c, out byte b) => CharToByte.TryGetValue(c, out b);

    public static IEnumerable<char> AllChars => ByteToChar;

    private static char[] BuildTable()
    {
        var table = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            bool printable = b is (>= 33 and <= 126) or (>= 161 and <= 172) or (>= 174 and <= 255);
            table[b] = printable ? (char)b : (char)(256 + next++);
        }
        return table;
    }

    private static Dictionary<char, byte> BuildInverse()
    {
        var inverse = new Dictionary<char, byte>(256);
        for (int b = 0; b < 256; b++)
            inverse[ByteToChar[b]] = (byte)b;
        return inverse;
    }
}
