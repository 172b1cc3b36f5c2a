namespace Governance.Learning.Tensors;

/// <summary>
/// A dense, contiguous, row-major float32 tensor. Its buffer comes from <see cref="BufferPool"/> and goes
/// back on <see cref="Dispose"/>. A tensor with <see cref="RequiresGrad"/> gets a gradient buffer of the
/// same shape when backward reaches it.
/// </summary>
public sealed class Tensor : IDisposable
{
    private float[] _data;
    private float[]? _grad;
    private readonly bool _ownsData;
    private Tensor? _gradOwner;

    private Tensor(int[] shape, float[] data, bool ownsData, bool scoped)
    {
        Shape = shape;
        Size = data.Length;
        _data = data;
        _ownsData = ownsData;
        if (scoped) TensorScope.Register(this);
    }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Size { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Whether backward computes a gradient for this tensor.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>Whether this tensor has been disposed.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>The elements, row-major.</summary>
    public Span<float> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _data.AsSpan();
        }
    }

    internal float[] Array => _data;

    /// <summary>The gradient, or an empty span when none has been computed.</summary>
    public Span<float> Grad => GradArray is { } g ? g.AsSpan() : Span<float>.Empty;

    /// <summary>Whether a gradient buffer exists.</summary>
    public bool HasGrad => GradArray is not null;

    internal float[]? GradArray => _gradOwner is not null ? _gradOwner.GradArray : _grad;

    /// <summary>Size of dimension <paramref name="dim"/>; negative counts from the end.</summary>
    public int Dim(int dim) => Shape[dim < 0 ? Shape.Length + dim : dim];

    /// <summary>A new zero-filled tensor owned by the current scope.</summary>
    public static Tensor Zeros(params int[] shape) => new(shape, BufferPool.Rent(CheckedSize(shape), clear: true), true, true);

    /// <summary>A new tensor with unspecified contents, owned by the current scope.</summary>
    public static Tensor Empty(params int[] shape) => new(shape, BufferPool.Rent(CheckedSize(shape), clear: false), true, true);

    /// <summary>A tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, params int[] shape)
    {
        var size = CheckedSize(shape);
        if (values.Length != size)
            throw new ArgumentException($"{values.Length} values do not fill shape [{string.Join(", ", shape)}] ({size} elements).", nameof(values));
        var tensor = Empty(shape);
        values.CopyTo(tensor.Data);
        return tensor;
    }

    /// <summary>A trainable tensor that belongs to no scope; it lives until disposed explicitly.</summary>
    public static Tensor Parameter(params int[] shape) =>
        new(shape, new float[CheckedSize(shape)], ownsData: false, scoped: false) { RequiresGrad = true };

    /// <summary>A view with a new shape that shares this tensor's storage and its gradient buffer.</summary>
    internal Tensor ViewAs(int[] shape) => new(shape, _data, ownsData: false, scoped: true) { _gradOwner = _gradOwner ?? this };

    /// <summary>Whether this tensor borrows another's storage (a reshape view).</summary>
    public bool IsView => _gradOwner is not null;

    /// <summary>Gradient buffer, zero-filled on first use; a view uses the buffer of the tensor it views.</summary>
    internal float[] EnsureGrad() => _gradOwner is not null ? _gradOwner.EnsureGrad() : _grad ??= BufferPool.Rent(Size, clear: true);

    /// <summary>Sets the gradient to zero (keeping the buffer).</summary>
    public void ZeroGrad()
    {
        if (GradArray is { } g) System.Array.Clear(g);
    }

    /// <summary>Frees the gradient buffer (a view leaves its base's buffer alone).</summary>
    public void DropGrad()
    {
        if (_grad is null) return;
        BufferPool.Return(_grad);
        _grad = null;
    }

    /// <summary>Copies the elements out.</summary>
    public float[] ToArray() => Data.ToArray();

    /// <summary>Element at a flat row-major index.</summary>
    public float this[int index] => Data[index];

    /// <summary>A short description: shape.</summary>
    public override string ToString() => $"Tensor[{string.Join(", ", Shape)}]";

    internal static int CheckedSize(int[] shape)
    {
        long size = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Negative dimension {d} in shape [{string.Join(", ", shape)}].", nameof(shape));
            size *= d;
        }
        if (size > System.Array.MaxLength) throw new ArgumentException($"Shape [{string.Join(", ", shape)}] is too large.", nameof(shape));
        return (int)size;
    }

    /// <summary>Returns the buffers to the pool. Using the tensor afterwards throws.</summary>
    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        if (_ownsData) BufferPool.Return(_data);
        _data = [];
        DropGrad();
    }
}
