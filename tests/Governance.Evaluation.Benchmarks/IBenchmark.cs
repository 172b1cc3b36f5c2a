namespace Governance.Evaluation.Benchmarks;

/// <summary>
/// A benchmark suite the dispatcher in Program.cs finds by reflection: any public class with a
/// parameterless constructor implementing this runs under <c>dotnet run -c Release -- Name</c> or <c>all</c>.
/// </summary>
public interface IBenchmark
{
    /// <summary>Name on the command line, e.g. "metrics" or "drift".</summary>
    string Name { get; }

    /// <summary>Runs the suite and prints a table to standard output.</summary>
    void Run();
}
