using System.Globalization;

namespace Oicp.Samples.OcppBridge;

/// <summary>The command line, parsed by hand so the sample needs no extra package.</summary>
public sealed class OcppBridgeArguments
{
    public const string Usage = """
        Oicp.Samples.OcppBridge: an OCPP 1.6 central system bridged to Hubject with Oicp.Client.

        Usage:
          dotnet run --project samples/Oicp.Samples.OcppBridge [-- --duration 15 --charge-points 150]

        Simulates a fleet of OCPP 1.6 charge points (two connectors each, one OICP EVSE per connector):
        charging sessions, reservations, faults, connector 0 faults, lost connections and a reconnect storm.
        Every StatusNotification goes through EvseStatusTracker (OCPP -> OICP mapping and aggregation) into
        EvseStatusPublisher (coalescing, sequential pushes, 2000 requests/min, retries, daily fullLoad from
        the tracker), registered through dependency injection as a CPO backend does. The publisher pushes over
        real HTTP to the Hubject emulator on 127.0.0.1, which answers some requests with HTTP 503 or code 001.
        A live view shows the statuses, the queue, the HTTP requests of the last minute and the staleness.
        At the end the fleet stops, the queue drains, and the emulator's view is compared with the fleet's
        truth for every EVSE. No network beyond 127.0.0.1.

        Options:
          --duration SECONDS      How long the fleet runs (default: 15, 1 to 600).
          --charge-points N       Number of charge points (default: 150, 1 to 5000).
          --seed N                Seed of the simulation (default: 16).
          --help                  Shows this text.

        Exit codes: 0 the emulator agrees with the fleet, 1 it does not, 2 invalid arguments.
        """;

    public bool ShowHelp { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(15);

    public int ChargePoints { get; private set; } = 150;

    public int Seed { get; private set; } = 16;

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are invalid.</summary>
    public static OcppBridgeArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = new OcppBridgeArguments();
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
                case "--duration":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 600)
                    {
                        error = $"--duration must be a number of seconds from 1 to 600, not '{value}'.";
                        return null;
                    }

                    parsed.Duration = TimeSpan.FromSeconds(seconds);
                    break;
                case "--charge-points":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 5000)
                    {
                        error = $"--charge-points must be a whole number from 1 to 5000, not '{value}'.";
                        return null;
                    }

                    parsed.ChargePoints = count;
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                    {
                        error = $"--seed must be a whole number, not '{value}'.";
                        return null;
                    }

                    parsed.Seed = seed;
                    break;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }
        }

        return parsed;
    }
}
