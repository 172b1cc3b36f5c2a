namespace Governance.Web.Components.Shared.Charts;

/// <summary>
/// One named series of a chart, one value per category (bar chart) or per x position (line chart).
/// Null is a gap: no bar or point, and "—" in the chart's table.
/// </summary>
/// <param name="Name">Legend and table column header.</param>
/// <param name="Values">Values in category / x order.</param>
/// <param name="TableOnly">Shown in the table but not drawn (e.g. raw counts beside drawn shares).</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, bool TableOnly = false);
