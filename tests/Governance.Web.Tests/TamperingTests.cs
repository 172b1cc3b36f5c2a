using System.Net;
using Governance.Domain.Access;
using Governance.Web.Hosting;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Tests;

/// <summary>
/// Someone with write access to the SQLite file drops the append-only trigger and edits a row: the verify
/// endpoint and the verify-audit command both name that row. (Own fixture: this breaks the chain for good.)
/// </summary>
public sealed class TamperingTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task Verify_reports_intact_then_names_the_altered_event_and_the_command_exits_2()
    {
        var (officer, _) = await App.ClientWithTokenAsync("tamper-" + Guid.NewGuid().ToString("N")[..8], Roles.ComplianceOfficer);
        var intact = await (await officer.GetAsync("/api/v1/audit/verify")).ReadAsync(HttpStatusCode.OK);
        Assert.True(intact.GetProperty("isIntact").GetBoolean());
        var output = new StringWriter();
        Assert.Equal(HostCommands.ExitIntact, await HostCommands.RunAsync(App.Services, HostCommands.VerifyAudit, output));
        Assert.Contains("intact", output.ToString());

        var target = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "token.issued").MaxAsync(e => e.Sequence));
        await App.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS audit_events_no_update");
            return await db.Database.ExecuteSqlRawAsync(
                "UPDATE audit_events SET payload = replace(payload, 'ComplianceOfficer', 'Admin') WHERE sequence = {0}", target);
        });

        var broken = await (await officer.GetAsync("/api/v1/audit/verify")).ReadAsync(HttpStatusCode.OK);
        Assert.False(broken.GetProperty("isIntact").GetBoolean());
        Assert.Equal(target, broken.GetProperty("firstBrokenSequence").GetInt64());
        output = new StringWriter();
        Assert.Equal(HostCommands.ExitBroken, await HostCommands.RunAsync(App.Services, HostCommands.VerifyAudit, output));
        Assert.Contains($"BROKEN at event {target}", output.ToString());
    }

    [Fact]
    public async Task The_migrate_command_reports_an_up_to_date_database()
    {
        var output = new StringWriter();
        Assert.Equal(0, await HostCommands.RunAsync(App.Services, HostCommands.Migrate, output));
        Assert.Contains("up to date", output.ToString());
        Assert.Equal(1, await HostCommands.RunAsync(App.Services, "no-such-command", new StringWriter()));
    }
}
