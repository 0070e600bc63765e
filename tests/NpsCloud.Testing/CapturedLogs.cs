using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NpsCloud.Testing;

/// <summary>
/// An in-memory logger provider: every event the host writes, as text (message, structured values,
/// exception, and the scopes around it, which the JSON console writes too).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)} [{Values(state)}]");
            logs._scopes.ForEachScope((scope, builder) => builder.Append(" scope {").Append(Values(scope)).Append(' ').Append(scope).Append('}'), text);
            if (exception is not null) text.Append(' ').Append(exception);
            logs._entries.Enqueue(text.ToString());
        }

        private static string Values(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
    }
}
