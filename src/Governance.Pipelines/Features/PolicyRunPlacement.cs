using Governance.Data;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Features;

/// <summary>
/// Places a model's automatic retrains by its newest release policy: <c>TrainOnGpu</c> sends them to the
/// GPU scheduler, with parameter <c>allowCpuFallback</c> from <c>AllowCpuFallback</c> (so with no GPU
/// worker the run waits and says so, or moves to a CPU worker after <c>Scheduler:GpuWaitBeforeFallback</c>).
/// Every other run goes to the CPU.
/// </summary>
public sealed class PolicyRunPlacement(GovernanceDbContext db) : IRunPlacement
{
    public async Task<RunPlacement> PlaceAsync(JobKind kind, string? modelName, CancellationToken ct)
    {
        if (kind != JobKind.Retrain || modelName is null)
        {
            return RunPlacement.Cpu;
        }
        var row = await (from p in db.ReleasePolicies.AsNoTracking()
                         join m in db.Models.AsNoTracking() on p.ModelId equals m.Id
                         where m.Name == modelName
                         orderby p.Version descending
                         select p).FirstOrDefaultAsync(ct);
        var policy = row?.ToPolicy() ?? Domain.Releases.ReleasePolicy.Default;
        return policy.TrainOnGpu
            ? new RunPlacement(true, new Dictionary<string, string> { [JobRuns.AllowCpuFallbackParameter] = policy.AllowCpuFallback ? "true" : "false" })
            : RunPlacement.Cpu;
    }
}
