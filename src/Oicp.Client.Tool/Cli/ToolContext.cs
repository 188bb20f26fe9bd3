using System.Collections;

namespace Oicp.Client.Tool;

/// <summary>
/// Everything a command reads from or writes to outside its arguments, so that tests run commands in
/// process with captured output, their own environment variables and a fake clock.
/// </summary>
internal sealed class ToolContext
{
    /// <summary>Gets where reports go (standard output).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets where usage errors and prompts go (standard error), so <c>--json</c> output stays parseable.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets where answers to prompts come from (standard input); end of input counts as "no".</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Gets the environment variables; only <c>Oicp__*</c> ones are read.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>Gets the clock for certificate expiry and the emulator's request log.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets a value indicating whether Ctrl+C and SIGTERM cancel the running command (a real process only).</summary>
    public bool HandlesTerminationSignals { get; init; }

    /// <summary>Creates the context of the real process: console streams, process environment, system clock.</summary>
    /// <returns>The context.</returns>
    public static ToolContext FromConsole()
    {
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return new ToolContext
        {
            Out = Console.Out,
            Error = Console.Error,
            Input = Console.In,
            EnvironmentVariables = variables,
            HandlesTerminationSignals = true,
        };
    }
}
