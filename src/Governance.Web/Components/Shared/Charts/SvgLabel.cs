using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Governance.Web.Components.Shared.Charts;

/// <summary>An SVG &lt;text&gt; element (Razor reserves the &lt;text&gt; tag inside code blocks, so it is built here).</summary>
public sealed class SvgLabel : ComponentBase
{
    [Parameter] public double X { get; set; }

    [Parameter] public double Y { get; set; }

    /// <summary>start, middle or end.</summary>
    [Parameter] public string Anchor { get; set; } = "start";

    [Parameter] public string Fill { get; set; } = "#212529";

    [Parameter] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", ChartScale.P(X));
        builder.AddAttribute(2, "y", ChartScale.P(Y));
        builder.AddAttribute(3, "text-anchor", Anchor);
        builder.AddAttribute(4, "font-size", "11");
        builder.AddAttribute(5, "fill", Fill);
        builder.AddContent(6, Text);
        builder.CloseElement();
    }
}
