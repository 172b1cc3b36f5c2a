namespace Governance.Web.Components.Shared.Charts;

/// <summary>Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), one per series.</summary>
public static class ChartPalette
{
    private static readonly string[] Colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    public static string Of(int index) => Colours[index % Colours.Length];

    /// <summary>A short unique id prefix for the SVG's title/desc references.</summary>
    public static string NewId() => "chart-" + Guid.NewGuid().ToString("N")[..10];
}
