namespace Oicp.Samples.QuickStart;

/// <summary>The command line, parsed by hand so the sample needs no extra package.</summary>
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
        var parsed = new QuickStartArguments();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h" or "-?")
            {
                parsed.ShowHelp = true;
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"'{name}' needs a value, or is not an option.";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--environment":
                    if (!string.Equals(value, "qa", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "emulator", StringComparison.OrdinalIgnoreCase))
                    {
                        error = $"--environment must be emulator or qa, not '{value}'.";
                        return null;
                    }

                    parsed.UseQa = string.Equals(value, "qa", StringComparison.OrdinalIgnoreCase);
                    break;
                case "--operator-id": parsed.OperatorId = value; break;
                case "--certificate": parsed.CertificatePath = value; break;
                case "--certificate-password": parsed.CertificatePassword = value; break;
                case "--evse-id": parsed.EvseIds.Add(value); break;
                case "--status": parsed.Status = value; break;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }
        }

        if (parsed.UseQa && !parsed.ShowHelp)
        {
            var missing = new List<string>();
            if (parsed.OperatorId is null)
            {
                missing.Add("--operator-id");
            }

            if (parsed.CertificatePath is null)
            {
                missing.Add("--certificate");
            }

            if (parsed.EvseIds.Count == 0)
            {
                missing.Add("--evse-id");
            }

            if (missing.Count > 0)
            {
                error = "--environment qa needs " + string.Join(", ", missing) + ".";
                return null;
            }
        }

        return parsed;
    }
}
