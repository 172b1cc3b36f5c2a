using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Data.Tests.Infrastructure;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Governance.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Registry;

/// <summary>Helpers for use-case tests: each call runs in its own scope, as one web request would.</summary>
public abstract class RegistryTestBase(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTestBase(provider, postgres)
{
    protected static readonly Actor Alice = Actor.User("alice");

    protected static ModelDraft Draft(string name = "spam-filter", string task = "classification") =>
        new(name, task, "email", "ml-team", RiskTier.Limited, "Flags spam", "A filter", ["sender_cctld"]);

    protected async Task<T> RegistryAsync<T>(Func<ModelRegistry, Task<T>> use)
    {
        await using var scope = Db.Scope();
        return await use(scope.ServiceProvider.GetRequiredService<ModelRegistry>());
    }

    protected async Task<List<AuditEvent>> AuditEventsAsync()
    {
        await using var scope = Db.Scope();
        var events = new List<AuditEvent>();
        await foreach (var e in scope.ServiceProvider.GetRequiredService<AuditTrail>().StreamAsync(new AuditQuery()))
        {
            events.Add(e);
        }
        return events;
    }

    protected async Task AssertChainIntactAsync()
    {
        await using var scope = Db.Scope();
        var verdict = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync();
        Assert.True(verdict.IsIntact, verdict.Problem);
    }
}
