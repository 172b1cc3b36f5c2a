using Governance.Data;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Features;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>
/// A worker node schedules the housekeeping (expire approvals, deliver webhooks) at the configured
/// intervals; a fired sweep does the work. Fired by triggering the Quartz jobs, not by waiting.
/// </summary>
public sealed class HousekeepingTests
{
    [Fact]
    public async Task A_worker_schedules_both_sweeps_at_the_configured_intervals_and_a_web_node_does_not()
    {
        await using var host = await CreateAsync();
        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<QuartzSchedulers>().CpuAsync();

        foreach (var (kind, interval) in new[] { (JobKind.ExpireApprovals, TimeSpan.FromMinutes(2)), (JobKind.DeliverWebhooks, TimeSpan.FromSeconds(45)) })
        {
            var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(Housekeeping.KeyOf(kind))));
            Assert.Equal(interval, trigger.RepeatInterval);
            Assert.Equal(SimpleTriggerImplRepeatForever, trigger.RepeatCount);
        }

        await using var web = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null, o => o.RunsCpuJobs = false);
        await web.StartAsync();
        var webScheduler = await web.Services.GetRequiredService<QuartzSchedulers>().CpuAsync();
        Assert.False(await webScheduler.Exists(Housekeeping.KeyOf(JobKind.ExpireApprovals)));
    }

    [Fact]
    public async Task Fired_sweeps_expire_a_due_approval_request_and_attempt_a_due_webhook_call()
    {
        await using var host = await CreateAsync();
        var (requestId, deliveryId) = await SeedAsync(host);
        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<QuartzSchedulers>().CpuAsync();

        await scheduler.TriggerJob(Housekeeping.KeyOf(JobKind.ExpireApprovals));
        await scheduler.TriggerJob(Housekeeping.KeyOf(JobKind.DeliverWebhooks));

        await PollAsync(host, async db =>
            (await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == requestId)).Status == ApprovalStatus.Expired
            && (await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId)).Attempts == 1);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == UseCases.LoopAudit.ApprovalExpired && e.Actor == "job:expireapprovals"));
        Assert.NotEqual("", (await db.WebhookDeliveries.AsNoTracking().SingleAsync()).LastError);
        Assert.Equal(0, await db.JobRuns.CountAsync()); // sweeps are not runs
    }

    [Fact]
    public void The_intervals_come_from_configuration_with_defaults()
    {
        var defaults = SchedulerOptions.From(new ConfigurationBuilder().Build());
        Assert.Equal(TimeSpan.FromMinutes(1), defaults.ExpireApprovalsInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.DeliverWebhooksInterval);
        var set = SchedulerOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:ExpireApprovalsInterval"] = "00:05:00",
            ["Scheduler:DeliverWebhooksInterval"] = "10",
        }).Build());
        Assert.Equal(TimeSpan.FromMinutes(5), set.ExpireApprovalsInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), set.DeliverWebhooksInterval);
        var bad = Assert.Throws<ArgumentException>(() => SchedulerOptions.From(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Scheduler:DeliverWebhooksInterval"] = "never" }).Build()));
        Assert.Contains("Scheduler:DeliverWebhooksInterval", bad.Message, StringComparison.Ordinal);
    }

    private const int SimpleTriggerImplRepeatForever = -1;

    private static Task<SchedulerTestHost> CreateAsync() =>
        SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null, o =>
        {
            o.ExpireApprovalsInterval = TimeSpan.FromMinutes(2);
            o.DeliverWebhooksInterval = TimeSpan.FromSeconds(45);
        }, services: s => s.AddGovernanceLoop(new ConfigurationBuilder().Build()));

    // A version with a pending request whose expiry passed a day ago, and a due call to a closed port.
    private static async Task<(Guid Request, Guid Delivery)> SeedAsync(SchedulerTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var version = await scope.ServiceProvider.GetRequiredService<ModelRegistry>().RegisterVersionAsync(SchedulerTestHost.Model, new VersionDraft(), Actor.User("alice"));
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var request = ApprovalRequest.Open(version.Id, "alice", ReleasePolicy.Default, "{}", EvidenceHash.Of("{}"), DateTimeOffset.UtcNow - TimeSpan.FromDays(15));
        db.ApprovalRequests.Add(request);
        var subscription = WebhookSubscription.Create("http://127.0.0.1:9/hook", "a-long-enough-shared-secret", [WebhookEvents.VersionPromoted], "admin", DateTimeOffset.UtcNow);
        db.WebhookSubscriptions.Add(subscription);
        var delivery = WebhookDelivery.Create(subscription.Id, WebhookEvents.VersionPromoted, "{}", DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1));
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return (request.Id, delivery.Id);
    }

    private static async Task PollAsync(SchedulerTestHost host, Func<GovernanceDbContext, Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = host.Services.CreateAsyncScope();
            if (await done(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>()))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The fired sweeps did not do their work in 30 s.");
    }
}
