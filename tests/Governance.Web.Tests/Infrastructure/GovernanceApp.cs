using System.Net.Http.Headers;
using Governance.Data;
using Governance.Data.Access;
using Governance.Web.Auth;
using Governance.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Web.Tests.Infrastructure;

/// <summary>
/// The real host (Program) on a database of its own: configuration goes in as host settings so that
/// AddGovernanceData sees it while the builder is still being composed. The operator console is captured.
/// </summary>
public sealed class GovernanceApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-password-for-tests-1";

    public StringWriter OperatorOutput { get; } = new();

    /// <summary>Settings for a SQLite database and artifact store in <paramref name="directory"/>.</summary>
    public static Dictionary<string, string?> SqliteSettings(string directory) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Governance"] = $"Data Source={Path.Combine(directory, "governance.db")}",
        ["Artifacts:Root"] = Path.Combine(directory, "artifacts"),
        ["Governance:DataProtection:KeysPath"] = Path.Combine(directory, "keys"),
        [AdminBootstrap.PasswordKey] = AdminPassword,
        ["Governance:Limits:MaxDatasetBytes"] = MaxDatasetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Governance:Limits:MaxArtifactBytes"] = MaxDatasetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Small, so the oversized-upload tests stay fast (datasets and artifacts).</summary>
    public const long MaxDatasetBytes = 64 * 1024;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Host configuration is visible to Program before builder.Build(), unlike app configuration.
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(s => s.AddSingleton(new OperatorConsole(OperatorOutput)));
    }

    /// <summary>Creates a user holding <paramref name="roles"/> and a token for <paramref name="tokenRole"/>; returns a client using it.</summary>
    public async Task<(HttpClient Client, string Secret)> ClientWithTokenAsync(string userName, string tokenRole, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var access = scope.ServiceProvider.GetRequiredService<AccessAdministration>();
        var userRoles = roles.Length == 0 ? [tokenRole] : roles;
        await users.CreateUserAsync(userName, userName, null, "Password-for-" + userName + "-1", userRoles, Domain.Access.Actor.System);
        var issued = await access.IssueTokenAsync($"{userName}-token", userName, tokenRole, null, Domain.Access.Actor.System);
        return (BearerClient(issued.Secret), issued.Secret);
    }

    public HttpClient BearerClient(string secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs <paramref name="action"/> with a fresh DbContext of the app.</summary>
    public async Task<T> WithDbAsync<T>(Func<GovernanceDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
    }

    public Task<int> AuditCountAsync() => WithDbAsync(db => db.AuditEvents.CountAsync());
}
