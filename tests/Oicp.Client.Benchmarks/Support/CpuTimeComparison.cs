using System.Diagnostics;
using System.Runtime.InteropServices;
using Oicp.Client.Benchmarks.Pushing;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>
/// <c>run.sh --cpu-time</c>: the layers of <see cref="PushStatusLayersBenchmarks"/> timed by the CPU time of the thread
/// that runs them (Linux), interleaved in 30 blocks of 20,000 pushes, keeping each layer's fastest block. On a shared
/// machine wall-clock times move with other processes (BenchmarkDotNet's ratios of one run to the next by ±0.5); the
/// thread's own CPU time does not count the time another process had the core, so the ratios repeat within a few per cent.
/// Every push here completes synchronously (an in-memory handler), so the calling thread does all of its work.
/// </summary>
internal static partial class CpuTimeComparison
{
    private const int Blocks = 30;
    private const int PushesPerBlock = 20_000;
    private const int ClockThreadCpuTime = 3;

    public static void Run()
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("--cpu-time reads the thread's CPU time with clock_gettime: Linux only.");
            return;
        }

        var layers = new PushStatusLayersBenchmarks();
        layers.Setup();
        try
        {
            (string Name, Func<Task> Push)[] cases =
            [
                ("Raw HttpClient + STJ update", layers.RawPushAsync),
                ("1. request builder + generated client + result", layers.GeneratedClientAsync),
                ("2. ... + wire handler", layers.WithWireHandlerAsync),
                ("3. ... + gate, Polly, telemetry (PushStatusAsync)", layers.PusherAsync),
            ];
            foreach (var (_, push) in cases)
            {
                Repeat(push, 50_000); // warm-up, so that tiered compilation has settled
            }

            var times = new double[cases.Length, Blocks];
            var fastest = new double[cases.Length];
            var allocated = new double[cases.Length];
            Array.Fill(fastest, double.MaxValue);
            for (var block = 0; block < Blocks; block++)
            {
                for (var i = 0; i < cases.Length; i++)
                {
                    var bytes = GC.GetAllocatedBytesForCurrentThread();
                    var started = ThreadCpuNanoseconds();
                    Repeat(cases[i].Push, PushesPerBlock);
                    times[i, block] = (ThreadCpuNanoseconds() - started) / 1000.0 / PushesPerBlock;
                    fastest[i] = Math.Min(fastest[i], times[i, block]);
                    allocated[i] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)PushesPerBlock;
                }
            }

            Console.WriteLine($"{"Layer",-52} {"CPU us",8} {"Ratio",6} {"Median block ratio",18} {"Bytes",7} {"Alloc Ratio",11}");
            for (var i = 0; i < cases.Length; i++)
            {
                Console.WriteLine($"{cases[i].Name,-52} {fastest[i],8:F3} {fastest[i] / fastest[0],6:F2} {MedianBlockRatio(times, i),18:F2} {allocated[i],7:F0} {allocated[i] / allocated[0],11:F2}");
            }
        }
        finally
        {
            layers.Cleanup();
        }
    }

    /// <summary>
    /// The median over the blocks of the layer's time divided by the baseline's in the same block, run just before it:
    /// when the machine's speed drifts during a run, each ratio compares times taken under the same conditions.
    /// </summary>
    private static double MedianBlockRatio(double[,] times, int layer)
    {
        var ratios = new double[Blocks];
        for (var block = 0; block < Blocks; block++)
        {
            ratios[block] = times[layer, block] / times[0, block];
        }

        Array.Sort(ratios);
        return (ratios[(Blocks - 1) / 2] + ratios[Blocks / 2]) / 2;
    }

    private static void Repeat(Func<Task> push, int count)
    {
        for (var i = 0; i < count; i++)
        {
            push().GetAwaiter().GetResult();
        }
    }

    private static long ThreadCpuNanoseconds()
    {
        var failed = clock_gettime(ClockThreadCpuTime, out var time);
        Debug.Assert(failed == 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
