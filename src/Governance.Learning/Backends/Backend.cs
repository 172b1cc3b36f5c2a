using Governance.Learning.Backends.Cpu;

namespace Governance.Learning.Backends;

/// <summary>Which backend the ops use. The CPU backend is the reference and the default.</summary>
public static class Backend
{
    private static IComputeBackend _current = new CpuBackend();

    /// <summary>The CPU reference backend (all cores).</summary>
    public static CpuBackend Cpu { get; private set; } = (CpuBackend)_current;

    /// <summary>The backend ops try first.</summary>
    public static IComputeBackend Current
    {
        get => _current;
        set => _current = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Sets how many threads the CPU backend uses (the result does not depend on it).</summary>
    public static void SetCpuThreads(int threads)
    {
        var wasCurrent = ReferenceEquals(_current, Cpu);
        Cpu = new CpuBackend(threads);
        if (wasCurrent) _current = Cpu;
    }

    /// <summary>The current backend when it supports <paramref name="op"/>, else the CPU reference.</summary>
    public static IComputeBackend For(BackendOp op) => _current.Supports(op) ? _current : Cpu;
}
