using System.Net;
using Governance.Data;
using Governance.Domain.Access;
using Governance.Web.Hosting;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Backup;

/// <summary>Seeds a registry through the API, and runs host commands the way the process does (no web server, no migration first).</summary>
internal static class BackupScenario
{
    public sealed record Seeded(string Model, byte[] Weights, string WeightsHash, string Csv, string CsvHash, int AuditEvents);

    /// <summary>A model with a version carrying an uploaded artifact, and a CSV dataset, all through the API.</summary>
    public static async Task<Seeded> SeedAsync(GovernanceApp app)
    {
        var (engineer, _) = await app.ClientWithTokenAsync("backup-engineer", Roles.MLEngineer);
        const string model = "spam-filter";
        await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(model))).ReadAsync(HttpStatusCode.Created);
        var weights = new byte[20_000];
        new Random(7).NextBytes(weights);
        using (var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(weights), "artifact", "model.safetensors" },
            { new StringContent("{\"seed\": 7, \"codeVersion\": \"v1\"}"), "metadata" },
        })
        {
            await (await engineer.PostAsync($"/api/v1/models/{model}/versions", form)).ReadAsync(HttpStatusCode.Created);
        }
        const string csv = "text,label\r\nhello,ham\r\nwin money now,spam\r\n";
        using (var form = new MultipartFormDataContent { { new StringContent(csv), "file", "mails.csv" }, { new StringContent("test"), "source" } })
        {
            await (await engineer.PostAsync("/api/v1/datasets/mails/versions", form)).ReadAsync(HttpStatusCode.Created);
        }
        return new Seeded(model, weights, Sha256(weights), csv, Sha256(System.Text.Encoding.UTF8.GetBytes(csv)), await app.AuditCountAsync());
    }

    /// <summary>Services as <c>Program</c> builds them for a command: configuration, logging and the data layer.</summary>
    public static ServiceProvider CommandServices(IReadOnlyDictionary<string, string?> settings, string contentRoot)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGovernanceData(configuration, contentRoot);
        return services.BuildServiceProvider();
    }

    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string?> settings, string contentRoot, string command)
    {
        await using var services = CommandServices(settings, contentRoot);
        var output = new StringWriter();
        var exit = await HostCommands.RunAsync(services, command, output);
        return (exit, output.ToString());
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
