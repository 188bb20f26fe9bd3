using System.CommandLine;
using System.Globalization;

namespace Oicp.Client.Tool;

/// <summary>
/// <c>oicp fullload FILE</c>: every current status in one request. Every line is validated first and
/// the bad ones are named; an empty file needs <c>--allow-empty</c> (it deletes every record); a
/// production fullLoad is confirmed at the prompt unless <c>--yes</c>.
/// </summary>
internal sealed class FullLoadCommand(ToolContext context)
{
    private readonly SettingsOptions _settings = new();
    private readonly Argument<string> _file = new("FILE") { Description = "CSV (EvseID,EvseStatus per line) or JSON ([{\"EvseID\":...,\"EvseStatus\":...}])." };
    private readonly Option<bool> _allowEmpty = new("--allow-empty") { Description = "Send a file without records: Hubject then deletes ALL your status records." };
    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Do not ask before a fullLoad to Hubject production." };

    public Command Create()
    {
        var command = new Command("fullload", "Replace all your EVSE status records on Hubject with the records of a file, in one request.") { _file, _allowEmpty, _yes };
        _settings.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var run = new CommandRun("fullload", _settings, parse, context);
        if (run.ReadConfiguration() is not { } configuration)
        {
            return await run.FinishAsync();
        }

        await using var settings = OicpSettings.Create(configuration);
        if (settings.TryGetPusher(run.Report) is not { } pusher)
        {
            return await run.FinishAsync();
        }

        var path = parse.GetRequiredValue(_file);
        var options = settings.BindWithoutValidation();
        var file = Read(run, path, pusher.OperatorId, options.SubOperatorIds.Select(OperatorId.Parse).ToArray());
        if (file is null)
        {
            return await run.FinishAsync();
        }

        run.Report.AddFact("file", "File", string.Create(CultureInfo.InvariantCulture, $"{path} ({file.Records.Count} record(s))"));
        if (file.Records.Count == 0 && !parse.GetValue(_allowEmpty))
        {
            run.Refuse(
                "file.empty",
                "File",
                $"'{path}' holds no status record: an empty fullLoad deletes ALL status records of {pusher.OperatorId} on Hubject.",
                "Pass --allow-empty if that is what you want.");
            return await run.FinishAsync();
        }

        if (EndpointFacts.IsProduction(options) && !parse.GetValue(_yes) && !await ConfirmAsync(pusher.OperatorId, file.Records.Count, path))
        {
            run.Report.Add(Check.Skip("push", "Push", "Not confirmed: nothing was sent."));
            run.Report.SetExitCode(ExitCodes.NotConfirmed);
            return await run.FinishAsync();
        }

        await PushReporting.PushAsync(run, Path.GetFileName(path), () => pusher.FullLoadAsync(file.Records, cancellationToken));
        return await run.FinishAsync();
    }

    private static StatusFile? Read(CommandRun run, string path, OperatorId operatorId, OperatorId[] subOperatorIds)
    {
        if (!File.Exists(path))
        {
            run.Refuse("file", "File", $"'{path}' does not exist.");
            return null;
        }

        StatusFile file;
        try
        {
            file = StatusFile.Read(path, operatorId, subOperatorIds);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            run.Refuse("file", "File", $"'{path}' cannot be read: {exception.Message}");
            return null;
        }

        foreach (var error in file.Errors)
        {
            run.Report.Add(Check.Fail("file.line", "File", error));
        }

        if (file.Errors.Count > 0)
        {
            run.Refuse(
                "file",
                "File",
                string.Create(CultureInfo.InvariantCulture, $"{file.Errors.Count} bad entr{(file.Errors.Count == 1 ? "y" : "ies")} in '{path}': nothing was sent."),
                "Fix the entries named above; a fullLoad replaces the whole set, so it is sent whole or not at all.");
            return null;
        }

        return file;
    }

    private async Task<bool> ConfirmAsync(OperatorId operatorId, int count, string path)
    {
        await context.Error.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"This fullLoad replaces ALL status records of {operatorId} on Hubject PRODUCTION with the {count} record(s) of '{path}'."));
        await context.Error.WriteAsync("Type 'yes' to send it: ");
        await context.Error.FlushAsync();
        var answer = await context.Input.ReadLineAsync();
        return string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
    }
}
