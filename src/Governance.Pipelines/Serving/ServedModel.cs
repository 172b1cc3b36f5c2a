using System.Collections.Concurrent;
using Governance.Learning.Nn;
using Governance.Learning.Training;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Serving;

/// <summary>
/// A production version loaded for inference: immutable once built, so a request that holds it gets
/// every answer from this one version, whatever promotion happens meanwhile.
/// </summary>
public sealed class ServedModel(Guid modelId, Guid versionId, int number, string artifactHash, ModelPackage package)
{
    /// <summary>Most texts in one forward pass of the encoder.</summary>
    public const int ForwardBatch = 64;

    private readonly ConcurrentQueue<QueuedTexts> _queue = new();
    private int _running;

    public Guid ModelId { get; } = modelId;
    public Guid VersionId { get; } = versionId;
    public int Number { get; } = number;
    public string ArtifactHash { get; } = artifactHash;
    public ModelPackage Package { get; } = package;
    public int LabelCount => Package.Classifier.Config.NumLabels;

    /// <summary>
    /// Label and class probabilities per text, computed at once on the calling thread: without the autograd
    /// tape, tensor buffers from the shared pool, the texts batched through the encoder (padded to the
    /// longest). Safe to call from several threads at once.
    /// </summary>
    public IReadOnlyList<ClassPrediction> Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var examples = Encode(texts);
        return Package.Classifier.Predict(examples, Math.Clamp(examples.Length, 1, ForwardBatch));
    }

    /// <summary>
    /// Like <see cref="Predict"/>, but concurrent requests share forward passes: texts queue up while a
    /// forward runs and the next forward takes all of them (up to <see cref="ForwardBatch"/>), one forward
    /// at a time per version. At low load a request runs alone with no added wait; under load the
    /// encoder's matrix products get taller, the weights are packed once per batch instead of once per
    /// request, and the cores are not split between competing small products.
    /// </summary>
    public Task<IReadOnlyList<ClassPrediction>> PredictBatchedAsync(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var queued = new QueuedTexts(Encode(texts), new TaskCompletionSource<IReadOnlyList<ClassPrediction>>(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(queued);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunQueued);
        }
        return queued.Done.Task;
    }

    private TokenizedExample[] Encode(IReadOnlyList<string> texts)
    {
        var examples = new TokenizedExample[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var ids = Package.Tokenizer.Encode(texts[i], Package.MaxLength);
            var mask = new int[ids.Length];
            Array.Fill(mask, 1);
            examples[i] = new TokenizedExample(ids, mask, 0);
        }
        return examples;
    }

    private void RunQueued()
    {
        var batch = new List<QueuedTexts>();
        while (true)
        {
            while (TakeBatch(batch))
            {
                RunBatch(batch);
            }
            Volatile.Write(ref _running, 0);
            // A request may have queued after the last take and seen the runner still busy: take it on.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private bool TakeBatch(List<QueuedTexts> batch)
    {
        batch.Clear();
        var texts = 0;
        // Only this runner dequeues, so a peeked item is still there to take.
        while (_queue.TryPeek(out var next) && (batch.Count == 0 || texts + next.Examples.Length <= ForwardBatch))
        {
            _queue.TryDequeue(out _);
            batch.Add(next);
            texts += next.Examples.Length;
        }
        return batch.Count > 0;
    }

    private void RunBatch(List<QueuedTexts> batch)
    {
        try
        {
            var all = batch.Count == 1 ? batch[0].Examples : batch.SelectMany(b => b.Examples).ToArray();
            var predictions = Package.Classifier.Predict(all, Math.Clamp(all.Length, 1, ForwardBatch));
            var offset = 0;
            foreach (var q in batch)
            {
                q.Done.SetResult(predictions.Skip(offset).Take(q.Examples.Length).ToArray());
                offset += q.Examples.Length;
            }
        }
#pragma warning disable CA1031 // the failure belongs to the waiting requests, not to the runner thread
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var q in batch)
            {
                q.Done.TrySetException(ex);
            }
        }
    }

    private sealed record QueuedTexts(TokenizedExample[] Examples, TaskCompletionSource<IReadOnlyList<ClassPrediction>> Done);
}

/// <summary>
/// What a request reads in one volatile load: the loaded version plus the model's logging policy,
/// and when the database was last asked which version is in production.
/// </summary>
public sealed record ServingState(ServedModel Model, double? LogSampleRate, bool StoreRawText, DateTimeOffset CheckedAt);
