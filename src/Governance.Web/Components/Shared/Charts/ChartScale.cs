using System.Globalization;

namespace Governance.Web.Components.Shared.Charts;

/// <summary>
/// Linear mapping from data values to SVG coordinates, with "nice" tick values (1, 2, 5 x 10^k steps).
/// SVG y grows downwards, so <see cref="Y"/> flips it.
/// </summary>
public sealed class ChartScale
{
    private ChartScale(double min, double max, double pixelsFrom, double pixelsTo, IReadOnlyList<double> ticks)
    {
        Min = min;
        Max = max;
        PixelsFrom = pixelsFrom;
        PixelsTo = pixelsTo;
        Ticks = ticks;
    }

    public double Min { get; }
    public double Max { get; }
    public double PixelsFrom { get; }
    public double PixelsTo { get; }
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>A scale covering the values (and the fixed bounds when given), widened to nice tick steps.</summary>
    public static ChartScale For(IEnumerable<double> values, double? fixedMin, double? fixedMax, double pixelsFrom, double pixelsTo, int tickCount = 5)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var lo = fixedMin ?? (finite.Count == 0 ? 0 : Math.Min(0, finite.Min()));
        var hi = fixedMax ?? (finite.Count == 0 ? 1 : finite.Max());
        if (fixedMin is null && finite.Count > 0 && finite.Min() > 0 && finite.Max() - finite.Min() < finite.Max() * 0.2)
        {
            lo = finite.Min(); // values bunched far from zero (a loss near 0.69, an AUC near 0.5): do not flatten them
        }
        if (hi <= lo)
        {
            hi = lo + (lo == 0 ? 1 : Math.Abs(lo) * 0.1);
        }
        var step = NiceStep((hi - lo) / Math.Max(1, tickCount));
        if (fixedMin is null)
        {
            lo = Math.Floor(lo / step) * step;
        }
        if (fixedMax is null)
        {
            hi = Math.Ceiling(hi / step) * step;
        }
        var ticks = new List<double>();
        for (var t = Math.Ceiling(lo / step) * step; t <= hi + step * 1e-9; t += step)
        {
            ticks.Add(Math.Round(t, 12));
        }
        return new ChartScale(lo, hi, pixelsFrom, pixelsTo, ticks);
    }

    /// <summary>Pixel position of a value (clamped to the scale).</summary>
    public double Map(double value) => PixelsFrom + (Math.Clamp(value, Min, Max) - Min) / (Max - Min) * (PixelsTo - PixelsFrom);

    /// <summary>Formats an SVG coordinate with a dot decimal separator whatever the culture.</summary>
    public static string P(double pixels) => pixels.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Tick label: few digits, invariant culture.</summary>
    public static string Tick(double value) => Math.Abs(value) >= 1000 ? value.ToString("0.#e0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        if (raw <= 0 || !double.IsFinite(raw))
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
