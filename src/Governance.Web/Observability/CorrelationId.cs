namespace Governance.Web.Observability;

/// <summary>The correlation id of the current request (also in the logging scope and the response header).</summary>
public sealed record CorrelationId(string Value)
{
    /// <summary>The id of <paramref name="context"/>'s request, or null outside the request pipeline.</summary>
    public static string? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.Items[typeof(CorrelationId)] as CorrelationId)?.Value;
    }
}
