using System.Net;
using Governance.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Web.Tests.Observability;

/// <summary>Node:ShutdownTimeoutSeconds sets how long the host waits for services to stop.</summary>
public sealed class ShutdownSettingsTests
{
    private static TimeSpan Parse(string? value) =>
        GracefulShutdown.Timeout(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [GracefulShutdown.Key] = value }).Build());

    [Theory]
    [InlineData(null, 30)]
    [InlineData("5", 5)]
    [InlineData("3600", 3600)]
    public void The_timeout_is_read_in_seconds(string? value, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), Parse(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public void A_bad_timeout_is_an_error_naming_the_key(string value) =>
        Assert.Contains(GracefulShutdown.Key, Assert.Throws<ArgumentException>(() => Parse(value)).Message, StringComparison.Ordinal);

    [Fact]
    public async Task The_host_uses_the_configured_timeout()
    {
        await using var app = new ObservedApp(IPAddress.Loopback, s => s[GracefulShutdown.Key] = "7");
        Assert.Equal(TimeSpan.FromSeconds(7), app.App.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
