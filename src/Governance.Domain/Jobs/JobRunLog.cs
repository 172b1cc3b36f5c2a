namespace Governance.Domain.Jobs;

/// <summary>One log line of a run; <see cref="Sequence"/> counts from 1 per run.</summary>
public sealed class JobRunLog
{
    private JobRunLog()
    {
    }

    public JobRunLog(Guid runId, int sequence, DateTimeOffset at, int attempt, string message)
    {
        if (sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Log sequences start at 1.");
        }
        RunId = runId;
        Sequence = sequence;
        At = at;
        Attempt = attempt;
        Message = message.Length > MaxMessageLength ? message[..MaxMessageLength] : message;
    }

    public const int MaxMessageLength = 4000;

    public Guid RunId { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The attempt that wrote the line, so a reader can tell a retry's lines apart.</summary>
    public int Attempt { get; private set; }
    public string Message { get; private set; } = "";
}
