using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

/// <summary>
/// The record of differentiable ops run on this thread, in order. <see cref="Backward"/> runs their
/// backward rules in reverse and clears the record. Ops record only while recording is on and an input
/// requires a gradient.
/// </summary>
public static class Tape
{
    [ThreadStatic] private static List<(Tensor Output, Action Backward)>? _entries;
    [ThreadStatic] private static int _pauseDepth;

    /// <summary>Whether ops are being recorded on this thread.</summary>
    public static bool IsRecording => _pauseDepth == 0;

    /// <summary>Number of recorded backward rules waiting.</summary>
    public static int Count => _entries?.Count ?? 0;

    /// <summary>Stops recording until the returned handle is disposed (inference, optimizer updates).</summary>
    public static NoGradScope NoGrad()
    {
        _pauseDepth++;
        return new NoGradScope();
    }

    internal static void EndNoGrad() => _pauseDepth--;

    internal static bool ShouldRecord(Tensor a) => _pauseDepth == 0 && a.RequiresGrad;

    internal static bool ShouldRecord(Tensor a, Tensor b) => _pauseDepth == 0 && (a.RequiresGrad || b.RequiresGrad);

    internal static void Record(Tensor output, Action backward) => (_entries ??= []).Add((output, backward));

    /// <summary>
    /// Back-propagates from the scalar <paramref name="loss"/> (gradient 1) through every recorded op,
    /// accumulating into the gradients of tensors that require them, then clears the record. Gradients of
    /// op outputs (intermediates) are released as soon as they have been propagated; leaf tensors keep theirs.
    /// </summary>
    public static void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Size != 1) throw new ArgumentException($"Backward needs a scalar loss, got {loss}.", nameof(loss));
        if (!loss.RequiresGrad) throw new ArgumentException("The loss does not depend on any tensor that requires a gradient.", nameof(loss));
        loss.EnsureGrad()[0] += 1f;
        var entries = _entries;
        if (entries is null) return;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var (output, backward) = entries[i];
            backward();
            // Every consumer of this output ran its backward earlier, so its gradient is complete and used up:
            // release it now rather than at scope end (keeps peak memory near activations + one layer of grads).
            if (!ReferenceEquals(output, loss)) output.DropGrad();
        }
        entries.Clear();
    }

    /// <summary>Forgets recorded ops without running them (e.g. after an evaluation forward pass).</summary>
    public static void Clear() => _entries?.Clear();
}

/// <summary>Handle that resumes recording when disposed.</summary>
public readonly struct NoGradScope : IDisposable
{
    /// <summary>Resumes recording.</summary>
    public void Dispose() => Tape.EndNoGrad();
}
