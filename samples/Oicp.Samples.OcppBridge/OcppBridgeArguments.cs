using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Oicp.Samples.OcppBridge;

/// <summary>
/// The command line, parsed with System.CommandLine (as the oicp tool is). The help text stays written out
/// here: it explains the simulation, which a generated option list cannot.
/// </summary>
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
          --otlp-endpoint URL     Also exports the SDK's metrics (meters Oicp.Client and Polly, every 5 s)
                                  and traces (Oicp.Client) over OTLP/HTTP to this collector, for example
                                  http://127.0.0.1:4318 (an OpenTelemetry Collector, Jaeger, Aspire).
          --help                  Shows this text.

        Exit codes: 0 the emulator agrees with the fleet, 1 it does not, 2 invalid arguments.
        """;

    public bool ShowHelp { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(15);

    public int ChargePoints { get; private set; } = 150;

    public int Seed { get; private set; } = 16;

    /// <summary>The OTLP/HTTP collector to export metrics and traces to, or null for none.</summary>
    public Uri? OtlpEndpoint { get; private set; }

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are invalid.</summary>
    public static OcppBridgeArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var duration = new Option<double>("--duration")
        {
            DefaultValueFactory = _ => 15,
            CustomParser = result => ParseNumber(result, NumberStyles.Float, 1, 600, "--duration must be a number of seconds from 1 to 600"),
        };
        var chargePoints = new Option<int>("--charge-points")
        {
            DefaultValueFactory = _ => 150,
            CustomParser = result => (int)ParseNumber(result, NumberStyles.None, 1, 5000, "--charge-points must be a whole number from 1 to 5000"),
        };
        var seed = new Option<int>("--seed")
        {
            DefaultValueFactory = _ => 16,
            CustomParser = result => (int)ParseNumber(result, NumberStyles.AllowLeadingSign, int.MinValue, int.MaxValue, "--seed must be a whole number"),
        };
        var otlpEndpoint = new Option<Uri?>("--otlp-endpoint")
        {
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    return uri;
                }

                result.AddError($"--otlp-endpoint must be an absolute http or https URL, not '{text}'.");
                return null;
            },
        };
        var command = new RootCommand { duration, chargePoints, seed, otlpEndpoint };
        var help = command.Options.OfType<HelpOption>().Single();

        // The sample has no --version; every other option is the hand-parsed one it replaced.
        command.Options.Remove(command.Options.OfType<VersionOption>().Single());

        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error = string.Join(" ", parse.Errors.Select(e => e.Message));
            return null;
        }

        error = null;
        return new OcppBridgeArguments
        {
            ShowHelp = parse.GetResult(help) is not null,
            Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
            ChargePoints = parse.GetValue(chargePoints),
            Seed = parse.GetValue(seed),
            OtlpEndpoint = parse.GetValue(otlpEndpoint),
        };
    }

    private static double ParseNumber(ArgumentResult result, NumberStyles styles, double minimum, double maximum, string rule)
    {
        var text = result.Tokens[0].Value;
        if (!double.TryParse(text, styles, CultureInfo.InvariantCulture, out var number) || number < minimum || number > maximum)
        {
            result.AddError($"{rule}, not '{text}'.");
        }

        return number;
    }
}
