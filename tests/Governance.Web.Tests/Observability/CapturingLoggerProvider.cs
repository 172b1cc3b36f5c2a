using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Governance.Web.Tests.Observability;

/// <summary>Keeps every log entry of a host as text: category, message, state values, scopes and exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>All entries as one text, for "never appears" assertions.</summary>
    public string AllText() => string.Join("\n", Entries.Select(e => e.ToString()));

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                }
                else if (scope is IEnumerable<KeyValuePair<string, object>> objects)
                {
                    list.AddRange(objects.Select(p => $"{p.Key}={p.Value}"));
                }
                else
                {
                    list.Add(scope?.ToString() ?? "");
                }
            }, scopes);
            var values = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(";", kv.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Entries.Enqueue(new CapturedEntry(logLevel, category, formatter(state, exception), values, scopes, exception?.ToString()));
        }
    }
}

/// <summary>One captured log entry.</summary>
public sealed record CapturedEntry(LogLevel Level, string Category, string Message, string StateValues, IReadOnlyList<string> Scopes, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message} [{StateValues}] scopes: {string.Join(" | ", Scopes)} {Exception}";
}
