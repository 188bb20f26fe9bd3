namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>What a command printed and returned.</summary>
internal sealed record ToolOutput(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Out}{Error}";
}

/// <summary>Runs <c>oicp</c> commands in process: the real parser and commands, with captured output, its own environment and clock.</summary>
internal static class ToolRunner
{
    public static async Task<ToolOutput> RunAsync(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? input = null,
        TimeProvider? clock = null,
        TextWriter? output = null,
        CancellationToken cancellationToken = default)
    {
        using var ownOutput = new StringWriter();
        using var error = new StringWriter();
        var context = new ToolContext
        {
            Out = output ?? ownOutput,
            Error = error,
            Input = new StringReader(input ?? string.Empty),
            EnvironmentVariables = environment ?? new Dictionary<string, string?>(),
            TimeProvider = clock ?? TimeProvider.System,
        };

        var exitCode = await OicpTool.RunAsync(args.ToArray(), context, cancellationToken);
        return new ToolOutput(exitCode, (output ?? ownOutput).ToString()!, error.ToString());
    }
}
