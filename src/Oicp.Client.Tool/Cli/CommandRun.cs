using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Oicp.Client.Tool;

/// <summary>The start and the end every command that reads settings shares: configuration, report, output.</summary>
internal sealed class CommandRun(string command, SettingsOptions settings, ParseResult parse, ToolContext context)
{
    public ToolReport Report { get; } = new(command);

    public bool Json => parse.GetValue(settings.Json);

    /// <summary>Builds the configuration; a usage error (a password flag, a missing file) becomes a failed check with exit code 2.</summary>
    public IConfiguration? ReadConfiguration()
    {
        var configuration = settings.BuildConfiguration(parse, context, out var error);
        if (configuration is null)
        {
            Report.Add(Check.Fail("arguments", "Arguments", error!));
            Report.SetExitCode(ExitCodes.UsageError);
        }

        return configuration;
    }

    /// <summary>Adds a check that stops the command before anything is sent, with exit code 2.</summary>
    public void Refuse(string id, string title, string message, string? advice = null)
    {
        Report.Add(Check.Fail(id, title, message, advice));
        Report.SetExitCode(ExitCodes.UsageError);
    }

    public async Task<int> FinishAsync()
    {
        await ReportWriter.WriteAsync(context.Out, Report, Json);
        return Report.ExitCode;
    }
}
