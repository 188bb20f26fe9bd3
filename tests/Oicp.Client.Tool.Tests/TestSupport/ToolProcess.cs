using System.Diagnostics;

namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>Runs the built tool as a process (<c>dotnet Oicp.Client.Tool.dll</c>), as a user or a script would.</summary>
internal static class ToolProcess
{
    /// <summary>Real time a process may take; it bounds a hang and is never waited out when all goes well.</summary>
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(60);

    public static string ToolPath { get; } = Path.Combine(AppContext.BaseDirectory, "Oicp.Client.Tool.dll");

    public static async Task<ToolOutput> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var safety = new CancellationTokenSource(SafetyTimeout);
        await process.WaitForExitAsync(safety.Token);
        return new ToolOutput(process.ExitCode, await output, await error);
    }

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the test gives: settings of the machine running the tests must not leak in.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("Oicp__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
