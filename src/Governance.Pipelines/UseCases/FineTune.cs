using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Learning.Nn;
using Governance.Learning.Tokenization;
using Governance.Learning.Training;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// Trains a candidate (full or LoRA, from production's weights or from scratch) on a dataset
/// version's training rows and registers it with full lineage. Idempotent per JobRun: a retried or
/// recovered run resumes from its checkpoint, and a run that already registered returns that version.
/// </summary>
public sealed class FineTune(GovernanceDbContext db, ModelRegistry registry, AuditTrail audit, LoopStore store, LoopOptions options, TimeProvider time)
{
    /// <summary>The version of this code, recorded on every version it registers.</summary>
    public static string CodeVersion { get; } =
        typeof(FineTune).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<ModelVersion> RunAsync(JobContext context, DatasetVersion dataset, TrainingSpec spec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        spec = spec with { JobRunId = context.RunId };
        spec.Validate();
        var model = await store.RequireModelAsync(context.ModelName ?? throw new ArgumentException("A fine-tune run needs a model.", nameof(context)), ct);
        var runKey = context.RunId.ToString();
        var existing = await db.ModelVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ModelId == model.Id && v.TrainingConfig.Contains(runKey), ct);
        if (existing is not null)
        {
            await context.Progress.LogAsync($"Run {runKey} already registered version {existing.Number}; not training again.", ct);
            await CompleteInterruptedAsync(context, model, existing, ct);
            return existing;
        }
        var production = await store.ProductionAsync(model.Id, ct);
        var parent = spec.FromProduction ? production : null;
        var run = await StartRunAsync(context, model, dataset, parent, spec, ct);

        var rows = (await store.RowsAsync(dataset, ct)).Where(r => !r.IsHeldOut).ToList();
        if (spec.MaxTrainRows > 0 && rows.Count > spec.MaxTrainRows)
        {
            rows = rows.OrderBy(r => r.Id, StringComparer.Ordinal).Take(spec.MaxTrainRows).ToList();
        }
        var runDir = Path.Combine(options.WorkDirectory, "runs", runKey);
        var checkpointDir = Path.Combine(runDir, "checkpoint");
        Directory.CreateDirectory(checkpointDir);
        var package = PrepareModel(spec, parent, rows, runDir);
        var examples = package.Encode(rows.Select(r => r.Text).ToList(), rows.Select(r => r.Label).ToList());

        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var trainer = new ClassifierTrainer(package.Classifier, new TrainingOptions
        {
            Epochs = spec.Epochs,
            BatchSize = spec.BatchSize,
            LearningRate = spec.LearningRate,
            Seed = (ulong)spec.Seed,
            ClassWeights = DatasetSplit.BalancedClassWeights(examples, 2),
            CheckpointDirectory = checkpointDir,
            CheckpointEverySteps = spec.CheckpointEverySteps,
            Progress = p =>
            {
                // At most every 2 s, but always at a checkpoint step, so the portal shows what a resume would start from.
                if (clock.Elapsed - lastReport < TimeSpan.FromSeconds(2) && p.Step != p.TotalSteps && p.Step % spec.CheckpointEverySteps != 0)
                {
                    return;
                }
                lastReport = clock.Elapsed;
                // The trainer calls back synchronously; progress is best effort and must not fail the run.
                context.Progress.ReportAsync(0.9 * p.Step / p.TotalSteps,
                    $"epoch {p.Epoch + 1}/{spec.Epochs}, step {p.Step}/{p.TotalSteps}, loss {p.Loss:0.###}, {p.TokensPerSecond:0} tokens/s", ct)
                    .GetAwaiter().GetResult();
            },
        });
        var resume = File.Exists(Path.Combine(checkpointDir, Learning.Serialization.TrainingCheckpoint.FileName)) ? checkpointDir : null;
        if (resume is not null)
        {
            await context.Progress.LogAsync($"Resuming from the checkpoint of attempt {context.Attempt - 1}.", ct);
        }
        TrainingResult result;
        try
        {
            result = await Task.Run(() => trainer.Train(examples, null, ct, resume), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recorded for the portal; the scheduler decides about retrying (the checkpoint stays for a resume).
            await MarkFailedAsync(run.Id, ex.Message);
            throw;
        }
        if (spec.Method == TrainingMethod.Lora)
        {
            package.Classifier.MergeLora();
        }
        var zip = package.ToZip(runDir);
        // Kept beside the checkpoint until the run is recorded, for a repair after a failure in between.
        var lossCurve = JsonSerializer.Serialize(result.LossCurve);
        await File.WriteAllTextAsync(Path.Combine(runDir, LossCurveFile), lossCurve, ct);
        var version = await registry.RegisterVersionWithArtifactAsync(model.Name, new VersionDraft(
            ParentVersionId: parent?.Id,
            DatasetVersionId: dataset.Id,
            TrainingConfig: spec.ToJson(),
            Seed: spec.Seed,
            CodeVersion: CodeVersion,
            Description: $"{spec.Method} fine-tune on {dataset.Name} v{dataset.Version}, {rows.Count} rows, final loss {result.LossCurve.LastOrDefault():0.####}."),
            new MemoryStream(zip), options.MaxArtifactBytes, context.Actor, ct);
        await FinishRunAsync(context, run.Id, model, version, lossCurve, result.StepsTaken, ct);
        TryDelete(runDir);
        return version;
    }

    private async Task<TrainingRun> StartRunAsync(JobContext context, Model model, DatasetVersion dataset, ModelVersion? parent, TrainingSpec spec, CancellationToken ct) =>
        await LoopWrite.RunAsync(db, async () =>
        {
            var run = await db.TrainingRuns.FirstOrDefaultAsync(r => r.JobRunId == context.RunId, ct);
            if (run is not null)
            {
                run.Resume();
                return run;
            }
            run = TrainingRun.Start(context.RunId, model.Id, dataset.Id, parent?.Id, spec.ToJson(), spec.Seed, "cpu", time.GetUtcNow());
            db.TrainingRuns.Add(run);
            await audit.AppendAsync(new AuditEntry(context.Actor, LoopAudit.TrainingStarted, LoopAudit.ModelSubject, model.Name,
                AuditPayload.Of(new { jobRunId = context.RunId, dataset = $"{dataset.Name}/{dataset.Version}", datasetHash = dataset.ContentHash, parent = parent?.Number, spec })), ct);
            return run;
        }, ct);

    /// <summary>
    /// The registry's transaction (version + artifact + its audit event) and this run's (training run
    /// succeeded + audit + webhook) are two: when a failure (a database outage) came between them, the
    /// retried run finds its version and completes the training run here, exactly once.
    /// </summary>
    private async Task CompleteInterruptedAsync(JobContext context, Model model, ModelVersion version, CancellationToken ct)
    {
        var run = await db.TrainingRuns.AsNoTracking().FirstOrDefaultAsync(r => r.JobRunId == context.RunId, ct);
        if (run is null || run.Status == TrainingStatus.Succeeded)
        {
            return;
        }
        var runDir = Path.Combine(options.WorkDirectory, "runs", context.RunId.ToString());
        var lossFile = Path.Combine(runDir, LossCurveFile);
        var lossCurve = File.Exists(lossFile) ? await File.ReadAllTextAsync(lossFile, ct) : "[]";
        await context.Progress.LogAsync($"Recording the training of version {version.Number}, interrupted after its registration.", ct);
        await FinishRunAsync(context, run.Id, model, version, lossCurve, null, ct);
        TryDelete(runDir);
    }

    private const string LossCurveFile = "loss-curve.json";

    private async Task FinishRunAsync(JobContext context, Guid runId, Model model, ModelVersion version, string lossCurve, int? steps, CancellationToken ct) =>
        await LoopWrite.RunAsync(db, async () =>
        {
            var run = await db.TrainingRuns.FirstAsync(r => r.Id == runId, ct);
            run.Succeed(lossCurve, version.ArtifactHash!, version.Id, time.GetUtcNow());
            var curve = JsonSerializer.Deserialize<float[]>(lossCurve) ?? [];
            await audit.AppendAsync(new AuditEntry(context.Actor, LoopAudit.TrainingSucceeded, LoopAudit.VersionSubject, $"{model.Name}/{version.Number}",
                AuditPayload.Of(new { jobRunId = context.RunId, steps, finalLoss = curve.LastOrDefault(), artifactHash = version.ArtifactHash })), ct);
            await WebhookOutbox.EnqueueAsync(db, WebhookEvents.CandidateRegistered,
                new { model = model.Name, version = version.Number, versionId = version.Id, artifactHash = version.ArtifactHash }, time.GetUtcNow(), ct);
            return run;
        }, ct);

    private async Task MarkFailedAsync(Guid runId, string error)
    {
        try
        {
            await LoopWrite.RunAsync(db, async () =>
            {
                var run = await db.TrainingRuns.FirstAsync(r => r.Id == runId);
                run.Fail(error, time.GetUtcNow());
                return run;
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
        {
            // The database may be what failed; the original error is what the caller sees.
        }
    }

    private ModelPackage PrepareModel(TrainingSpec spec, ModelVersion? parent, List<LabelledRow> rows, string runDir)
    {
        ModelPackage package;
        if (parent is not null)
        {
            package = store.LoadPackage(parent);
        }
        else
        {
            // The tokenizer is trained once per run and kept beside the checkpoint, so a resumed run encodes alike.
            var tokenizerPath = Path.Combine(runDir, "tokenizer.json");
            Tokenizer tokenizer;
            if (File.Exists(tokenizerPath))
            {
                tokenizer = Tokenizer.FromTokenizerJson(tokenizerPath);
            }
            else
            {
                tokenizer = Tokenizer.TrainWordPiece(rows.Select(r => r.Text), new WordPieceTrainingOptions { VocabSize = spec.VocabSize });
                tokenizer.SaveTokenizerJson(tokenizerPath);
            }
            var config = new EncoderConfig
            {
                VocabSize = tokenizer.VocabSize,
                HiddenSize = spec.HiddenSize,
                NumLayers = spec.Layers,
                NumHeads = spec.Heads,
                IntermediateSize = spec.IntermediateSize,
                MaxPositions = spec.MaxLength,
                NumLabels = 2,
                PadTokenId = tokenizer.PadId ?? 0,
            };
            config.Validate();
            package = new ModelPackage(new SequenceClassifier(config, (ulong)spec.Seed), tokenizer, spec.MaxLength);
        }
        if (spec.Method == TrainingMethod.Lora)
        {
            package.Classifier.ApplyLora(new LoraOptions(Rank: spec.LoraRank, Alpha: 2f * spec.LoraRank, Dropout: 0.05f, Targets: ["query", "value"]));
        }
        return package;
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Scratch space; left for the next clean-up.
        }
    }
}
