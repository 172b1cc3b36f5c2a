using System.Globalization;

namespace Governance.Web.Components.Shared;

/// <summary>File sizes for people: 1,234 B, 12.3 KiB, 4.5 MiB (binary units, invariant culture).</summary>
public static class ByteSize
{
    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";
        }
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
