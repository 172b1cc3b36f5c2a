namespace Governance.Web.Hosting;

/// <summary>
/// The console of whoever started the process. Secrets shown once (the generated admin password) are
/// written here directly, never through ILogger, whose sinks may be shipped elsewhere. Tests swap the writer.
/// </summary>
public sealed class OperatorConsole(TextWriter writer)
{
    public TextWriter Out { get; } = writer;
}
