using System.Text;

namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>A thread-safe text sink that lets a test await a line a running command has not printed yet.</summary>
internal sealed class ObservedWriter : TextWriter
{
    /// <summary>Real time allowed for a line to appear; it bounds a hang and is never waited out when all goes well.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _text = new();
    private readonly object _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    public override void WriteLine(string? value) => Append(value + NewLine);

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    /// <summary>Returns the first complete line containing <paramref name="fragment"/>, once it has been written.</summary>
    public async Task<string> WaitForLineAsync(string fragment)
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
                var line = _text.ToString().Split(NewLine).SkipLast(1).FirstOrDefault(candidate => candidate.Contains(fragment, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line;
                }
            }

            await changed.WaitAsync(safety.Token);
        }
    }

    private void Append(string? value)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _text.Append(value);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
