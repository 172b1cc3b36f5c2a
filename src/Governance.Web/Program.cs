using Governance.Web.Hosting;

// `dotnet run -- migrate` / `-- verify-audit` run one command and exit; otherwise serve the portal.
var (command, hostArgs) = HostCommands.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddGovernance();
await using var app = builder.Build();

if (command is not null)
{
    return await HostCommands.RunAsync(app.Services, command, Console.Out);
}

app.Logger.LogInformation("Node roles: {Roles}.", app.Services.GetRequiredService<NodeOptions>());
await app.PrepareDatabaseAsync();
await app.SeedDemoIfRequestedAsync();
app.UseGovernance();
app.MapGovernance();
app.ObservePendingApprovals();
app.PrintWhenStarted();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
