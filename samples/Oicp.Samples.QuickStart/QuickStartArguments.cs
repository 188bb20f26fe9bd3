using System.CommandLine;
using System.CommandLine.Help;

namespace Oicp.Samples.QuickStart;

/// <summary>
/// The command line, parsed with System.CommandLine (as the oicp tool is). The help text stays written out
/// here: it explains the two modes, which generated option lists cannot.
/// </summary>
public sealed class QuickStartArguments
{
    public const string Usage = """
        Oicp.Samples.QuickStart: push EVSE statuses with Oicp.Client.

        Usage:
          dotnet run --project samples/Oicp.Samples.QuickStart
              Starts the Hubject emulator (Oicp.Client.Testing) on 127.0.0.1 over real HTTP, registers the
              SDK through dependency injection as a CPO backend would, pushes a fullLoad of 6 EVSEs of
              DE*ABC, then status changes, then one update the emulator must refuse (an EVSE that does not
              exist), and prints every result and the emulator's final view. Exit code 0 when everything
              behaved as expected. No network beyond 127.0.0.1.

          dotnet run --project samples/Oicp.Samples.QuickStart -- --environment qa --operator-id DE*XYZ
              --certificate client.pfx [--certificate-password SECRET] --evse-id DE*XYZ*E1 [--evse-id ...]
              [--status Available]
              Talks to Hubject QA (https://service-qa.hubject.com) with your client certificate and pushes
              one status change (an update) per --evse-id. The EVSEs need status records on QA already.

        Options:
          --environment emulator|qa    Where to push (default: emulator).
          --operator-id ID             Your OperatorID, linked to your certificate (qa only).
          --certificate FILE           Your Hubject client certificate: .pfx/.p12, or PEM (qa only).
          --certificate-password PWD   The password of the .pfx file (qa only).
          --evse-id ID                 An EVSE to push a status for; repeat for more (qa only).
          --status STATUS              Available, Reserved, Occupied, OutOfService or Unknown (default: Available).
          --help                       Shows this text.

        Exit codes: 0 success, 1 a push did not go as expected, 2 invalid arguments.
        """;

    public bool ShowHelp { get; private set; }

    public bool UseQa { get; private set; }

    public string? OperatorId { get; private set; }

    public string? CertificatePath { get; private set; }

    public string? CertificatePassword { get; private set; }

    public IList<string> EvseIds { get; } = new List<string>();

    public string Status { get; private set; } = "Available";

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are invalid.</summary>
    public static QuickStartArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var environment = new Option<string>("--environment") { DefaultValueFactory = _ => "emulator" };
        environment.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!string.Equals(value, "qa", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "emulator", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--environment must be emulator or qa, not '{value}'.");
            }
        });
        var operatorId = new Option<string>("--operator-id");
        var certificate = new Option<string>("--certificate");
        var certificatePassword = new Option<string>("--certificate-password");
        var evseIds = new Option<List<string>>("--evse-id");
        var status = new Option<string>("--status") { DefaultValueFactory = _ => "Available" };
        var command = new RootCommand { environment, operatorId, certificate, certificatePassword, evseIds, status };
        var help = command.Options.OfType<HelpOption>().Single();

        // The sample has no --version; every other option is the hand-parsed one it replaced.
        command.Options.Remove(command.Options.OfType<VersionOption>().Single());
        command.Validators.Add(result =>
        {
            if (!string.Equals(result.GetValue(environment), "qa", StringComparison.OrdinalIgnoreCase) || result.GetResult(help) is not null)
            {
                return;
            }

            var missing = new List<string>();
            if (result.GetValue(operatorId) is null)
            {
                missing.Add("--operator-id");
            }

            if (result.GetValue(certificate) is null)
            {
                missing.Add("--certificate");
            }

            if (result.GetValue(evseIds) is not { Count: > 0 })
            {
                missing.Add("--evse-id");
            }

            if (missing.Count > 0)
            {
                result.AddError("--environment qa needs " + string.Join(", ", missing) + ".");
            }
        });

        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error = string.Join(" ", parse.Errors.Select(e => e.Message));
            return null;
        }

        error = null;
        var parsed = new QuickStartArguments
        {
            ShowHelp = parse.GetResult(help) is not null,
            UseQa = string.Equals(parse.GetValue(environment), "qa", StringComparison.OrdinalIgnoreCase),
            OperatorId = parse.GetValue(operatorId),
            CertificatePath = parse.GetValue(certificate),
            CertificatePassword = parse.GetValue(certificatePassword),
            Status = parse.GetValue(status) ?? "Available",
        };
        foreach (var evseId in parse.GetValue(evseIds) ?? [])
        {
            parsed.EvseIds.Add(evseId);
        }

        return parsed;
    }
}
