using System.Net;
using Governance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Web.Tests.Observability;

/// <summary>
/// A <see cref="GovernanceApp"/> on its own SQLite folder whose log entries are captured and whose
/// requests appear to come from <see cref="RemoteAddress"/> (TestServer has no real connection).
/// </summary>
public sealed class ObservedApp : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly GovernanceApp _base;

    public ObservedApp(IPAddress remoteAddress, Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        RemoteAddress = remoteAddress;
        var settings = GovernanceApp.SqliteSettings(_dir.Path);
        configure?.Invoke(settings);
        _base = new GovernanceApp(settings);
        App = _base.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(Logs);
            // A provider-specific rule beats appsettings' category levels: capture everything at Trace.
            s.AddLogging(l => l.AddFilter<CapturingLoggerProvider>((string?)null, LogLevel.Trace));
            s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(remoteAddress));
            services?.Invoke(s);
        }));
    }

    public IPAddress RemoteAddress { get; }

    public string Directory => _dir.Path;

    public CapturingLoggerProvider Logs { get; } = new();

    public WebApplicationFactory<Program> App { get; }

    /// <summary>The underlying app (same database); use its helpers through <see cref="App"/>'s services.</summary>
    public GovernanceApp Base => _base;

    public HttpClient Client() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
