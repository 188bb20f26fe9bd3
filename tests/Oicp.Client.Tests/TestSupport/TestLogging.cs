using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Oicp.Client.Tests.TestSupport;

/// <summary>A logger factory whose records a test can read, and the records of the pusher's own category among them.</summary>
internal sealed class TestLogging : IDisposable
{
    public TestLogging()
    {
        Collector = new FakeLogCollector();
        Factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Collector)));
    }

    public FakeLogCollector Collector { get; }

    public ILoggerFactory Factory { get; }

    /// <summary>Gets the pusher's own records (Polly logs its retries and timeouts under categories of its own).</summary>
    public IReadOnlyList<FakeLogRecord> Pusher => [.. Collector.GetSnapshot().Where(record => record.Category == typeof(EvseStatusPusher).FullName)];

    public void Dispose() => Factory.Dispose();
}
