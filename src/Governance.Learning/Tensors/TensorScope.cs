namespace Governance.Learning.Tensors;

/// <summary>
/// Collects the tensors created on this thread while it is the innermost scope and disposes them
/// together, so intermediate activations of a step return to the pool deterministically.
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? _current;
    private readonly TensorScope? _outer;
    private readonly List<Tensor> _owned = [];
    private bool _disposed;

    /// <summary>Opens a scope that becomes the current one on this thread.</summary>
    public TensorScope()
    {
        _outer = _current;
        _current = this;
    }

    internal static void Register(Tensor tensor) => _current?._owned.Add(tensor);

    /// <summary>
    /// Moves <paramref name="tensor"/> to the enclosing scope (or to no scope) so it outlives this one. A view
    /// would outlive the storage it borrows, so it is rejected: keep the tensor it views, or a copy.
    /// </summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.IsView) throw new ArgumentException("Cannot keep a reshape view beyond its scope; keep the tensor it views or a copy.", nameof(tensor));
        _owned.Remove(tensor);
        _outer?._owned.Add(tensor);
        return tensor;
    }

    /// <summary>Disposes every tensor created in the scope and restores the enclosing scope.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Views are disposed before the tensors whose buffers they borrow; order does not matter
        // because a view never returns its buffer.
        foreach (var tensor in _owned) tensor.Dispose();
        _owned.Clear();
        _current = _outer;
    }
}
