using System.CommandLine;

namespace Oicp.Client.Tool;

/// <summary><c>oicp push EVSEID STATUS [--action update|insert|delete]</c>: one status record, typed and validated, and Hubject's answer.</summary>
internal sealed class PushCommand(ToolContext context)
{
    private readonly SettingsOptions _settings = new();
    private readonly Argument<string> _evseId = new("EVSEID") { Description = "The EVSE, for example DE*ABC*E1001*1." };
    private readonly Argument<string> _status = new("STATUS") { Description = "Available, Reserved, Occupied, OutOfService or Unknown." };
    private readonly Option<string> _action = new Option<string>("--action")
    {
        HelpName = "update|insert|delete",
        Description = "How Hubject applies the record (default: update, which needs an existing record).",
        DefaultValueFactory = _ => "update",
    }.AcceptOnlyFromAmong("update", "insert", "delete");

    public Command Create()
    {
        var command = new Command("push", "Push one EVSE status to Hubject and print the answer with its Process-ID.") { _evseId, _status, _action };
        _settings.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var run = new CommandRun("push", _settings, parse, context);
        if (run.ReadConfiguration() is not { } configuration)
        {
            return await run.FinishAsync();
        }

        OicpWireNames.TryParseActionType(parse.GetRequiredValue(_action), out var actionType);
        if (StatusText.TryParseRecord(parse.GetRequiredValue(_evseId), parse.GetRequiredValue(_status), out var record) is { } error)
        {
            run.Refuse("arguments", "Arguments", error);
            return await run.FinishAsync();
        }

        await using var settings = OicpSettings.Create(configuration);
        if (settings.TryGetPusher(run.Report) is not { } pusher)
        {
            return await run.FinishAsync();
        }

        await PushReporting.PushAsync(run, $"{record.EvseId} -> {record.Status.ToWireString()}", () => pusher.PushAsync(actionType, [record], cancellationToken));
        return await run.FinishAsync();
    }
}
