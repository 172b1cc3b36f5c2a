using Governance.Data;
using Governance.Data.Audit;
using Governance.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// A row changed behind the application's back (an operator with database access drops the
/// append-only trigger) is named on the verification page. Row and trigger are restored afterwards so
/// the other tests see an intact, protected chain.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TamperingTests(PortalFixture portal, ITestOutputHelper output)
{
    // As in migrations/sqlite/0001_initial.sql.
    private const string RecreateTrigger = """
        CREATE TRIGGER "audit_events_no_update"
        BEFORE UPDATE ON "audit_events"
        BEGIN
            SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed');
        END;
        """;

    [Fact]
    public async Task Verification_page_names_the_altered_event()
    {
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var registered = (await trail.QueryAsync(new AuditQuery { SubjectType = "model", SubjectId = PortalFixture.ModelName, Action = "model.registered" })).Events.Single();
        var forged = registered.Payload.Replace("Mail platform team", "Nobody in particular", StringComparison.Ordinal);
        Assert.NotEqual(registered.Payload, forged);

        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_events_no_update");
        await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET payload = {forged} WHERE sequence = {registered.Sequence}");
        try
        {
            var (context, page) = await portal.SignedInAsync(PortalFixture.ReviewerName, PortalFixture.UserPassword);
            await using var _ = context;
            await page.GotoAsync("audit/verify");
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();

            await Assertions.Expect(page.Locator(".verification .verdict")).ToHaveTextAsync("Broken");
            await Assertions.Expect(page.Locator(".verification")).ToContainTextAsync($"fails at event #{registered.Sequence}");
            await Assertions.Expect(page.Locator(".verification .problem")).ToContainTextAsync("altered after it was written");
            await new Screenshots(output).SaveAsync(page, "11-chain-broken");
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET payload = {registered.Payload} WHERE sequence = {registered.Sequence}");
            await db.Database.ExecuteSqlRawAsync(RecreateTrigger);
        }
        Assert.True((await trail.VerifyAsync()).IsIntact);
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET actor = actor WHERE sequence = 1"));
    }
}
