using System.CommandLine;
using System.CommandLine.Invocation;

namespace Oicp.Client.Tool;

/// <summary>The <c>oicp</c> command line: parses, reports usage errors with exit code 2, and runs the command.</summary>
internal static class OicpTool
{
    /// <summary>How long a command may take to finish after Ctrl+C before the process ends anyway.</summary>
    private static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(5);

    public static RootCommand CreateRootCommand(ToolContext context) =>
        new("oicp: check a Hubject (OICP 2.3) EVSE status setup, push statuses, run the Hubject emulator.")
        {
            new DoctorCommand(context).Create(),
            new PushCommand(context).Create(),
            new FullLoadCommand(context).Create(),
            new EmulatorCommand(context).Create(),
            new CodesCommand(context).Create(),
        };

    /// <summary>Runs the command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ToolContext context, CancellationToken cancellationToken = default)
    {
        var parse = CreateRootCommand(context).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync("error: " + error.Message);
            }

            var command = parse.CommandResult.Command is RootCommand ? "oicp" : "oicp " + parse.CommandResult.Command.Name;
            await context.Error.WriteLineAsync($"Run '{command} --help' for usage.");
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            ProcessTerminationTimeout = context.HandlesTerminationSignals ? TerminationTimeout : null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }
}
