using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Oicp.Client;
using Oicp.Client.Publishing;

namespace Oicp.Samples.ScaleOut;

/// <summary>
/// One backend instance, run as a process of its own: a host registered as a CPO backend registers it (pusher, publisher,
/// <c>UseRedis</c>). Its OCPP side is a line protocol on standard input: <c>EVSEID STATUS</c> is a StatusNotification of a
/// charge point connected to this instance, the snapshot source reads the file the sample keeps of all
/// charge points' statuses (the database the instances of a real backend share), and the end of input is a clean shutdown (the lease is released).
/// </summary>
public static class BackendInstance
{
    /// <summary>How long the lease lasts: a killed holder is replaced within this time. 1.5 x (RequestTimeout + LeaseMargin) = 3.75 s fits.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(4);

    /// <summary>The statuses of all charge points, as the backends' shared database holds them (written by the sample, one <c>EVSEID STATUS</c> a line).</summary>
    private sealed class FileSnapshotSource(string path) : IEvseStatusSnapshotSource
    {
        public async IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
            {
                var (evseId, status) = Parse(line);
                yield return new EvseStatusRecord(evseId, status);
            }
        }
    }

    /// <summary>Written on standard output once the host runs.</summary>
    public const string ReadyLine = "ready";

    public static async Task<int> RunAsync(ScaleOutArguments arguments, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IEvseStatusSnapshotSource>(new FileSnapshotSource(arguments.Snapshot!));
        builder.Services
            .AddOicpEvseStatusPusher(options =>
            {
                options.OperatorId = ScaleOutApp.Operator.ToString();
                options.BaseAddress = arguments.Hubject;
                options.RequestTimeout = TimeSpan.FromSeconds(2);
            })
            .AddEvseStatusPublisher(options =>
            {
                // The first holder sends the fullLoad at start (once for the cluster); no daily one in this short run.
                options.DailyFullLoadTime = null;
                options.ShutdownTimeout = TimeSpan.FromSeconds(5);
            })
            .UseRedis($"{arguments.Redis},abortConnect=false,connectTimeout=2000", options =>
            {
                options.KeyPrefix = arguments.KeyPrefix!;
                options.LeaseTime = LeaseTime;
                options.LeaseMargin = TimeSpan.FromMilliseconds(500);
            });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var publisher = host.Services.GetRequiredService<IEvseStatusPublisher>();
        await output.WriteLineAsync(ReadyLine);
        await output.FlushAsync(cancellationToken);

        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var (evseId, status) = Parse(line);
            publisher.Publish(evseId, status);
        }

        await host.StopAsync(CancellationToken.None);
        return 0;
    }

    private static (EvseId EvseId, EvseStatus Status) Parse(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return (EvseId.Parse(line[..space]), Enum.Parse<EvseStatus>(line[(space + 1)..]));
    }
}
