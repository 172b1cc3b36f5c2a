using System.Net;
using Governance.Web.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Governance.Web.Tests.Observability;

/// <summary>Correlation ids travel from the request header to the log scope and back; JSON logging is a switch.</summary>
public sealed class CorrelationAndLoggingTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task A_valid_caller_id_is_kept_echoed_and_in_the_scope_of_the_requests_log_entries()
    {
        await using var app = new ObservedApp(Remote);
        var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add("X-Correlation-Id", "req-42.abc_DEF");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("req-42.abc_DEF", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        Assert.Contains(app.Logs.Entries, e => e.Scopes.Contains("CorrelationId=req-42.abc_DEF")
            && e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("line\u00e9accent")]
    public async Task A_missing_or_unsafe_id_is_replaced_by_a_new_one(string? given)
    {
        await using var app = new ObservedApp(Remote);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        if (given is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", given);
        }
        var response = await app.Client().SendAsync(request);
        var echoed = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.Matches("^[0-9a-f]{32}$", echoed);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123", true)]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", false)]
    [InlineData("", false)]
    [InlineData("x\ny", false)]
    [InlineData("<script>", false)]
    public void Ids_are_bounded_and_made_of_safe_characters(string candidate, bool accepted) =>
        Assert.Equal(accepted ? candidate : null, RequestObservabilityMiddleware.Accept(candidate));

    [Fact]
    public void Json_format_selects_the_json_console_formatter_with_scopes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Logging:Format"] = "json";
        builder.AddGovernanceObservability();
        using var services = builder.Services.BuildServiceProvider();
        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var json = services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
    }

    [Fact]
    public void An_unknown_log_format_is_a_start_up_error_naming_it()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Logging:Format"] = "xml";
        Assert.Contains("'xml'", Assert.Throws<ArgumentException>(() => builder.AddGovernanceObservability()).Message, StringComparison.Ordinal);
    }
}
