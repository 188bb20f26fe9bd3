using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Oicp.Samples.ScaleOut;

/// <summary>
/// The command line, parsed with System.CommandLine like the other samples. <c>--instance</c>, <c>--hubject</c>,
/// <c>--key-prefix</c> and <c>--snapshot</c> are hidden: the sample passes them to the backend instances it starts as processes of its own.
/// </summary>
public sealed class ScaleOutArguments
{
    public const string Usage = """
        Oicp.Samples.ScaleOut: three backend instances of one charge point operator coordinated through Redis.

        Usage:
          dotnet run --project samples/Oicp.Samples.ScaleOut [-- --redis 127.0.0.1:6379 --duration 9]

        Starts three backend instances as separate processes, each registered with
        AddOicpEvseStatusPusher(...).AddEvseStatusPublisher(...).UseRedis(...) and its own Redis connection.
        Every charge point is connected to one of them, so status changes arrive on all three; every instance
        publishes, the lease holder alone sends to the Hubject emulator on 127.0.0.1 (50 ms round trip). A
        third into the run the holder is killed with SIGKILL: its charge points reconnect to the others and
        send their statuses again, another instance takes the lease and reclaims what the dead one had in
        flight. At the end the emulator's view is compared with the charge points' truth for every EVSE.
        Without --redis the sample starts its own redis-server (it must be on the PATH) in a temporary
        directory and stops it at the end; with --redis it uses keys under a prefix of its own.

        Options:
          --redis HOST:PORT       A Redis to use (default: start redis-server from the PATH).
          --duration SECONDS      How long the charge points send changes (default: 9, 3 to 300).
          --evses N               Number of EVSEs, one charge point each (default: 1500, 3 to 20000).
          --rate N                Status changes per second over all instances (default: 50, 1 to 1000).
          --seed N                Seed of the simulation (default: 13).
          --help                  Shows this text.

        Exit codes: 0 the emulator agrees with the charge points, 1 it does not, 2 invalid arguments or no Redis.
        """;

    public bool ShowHelp { get; private set; }

    public string? Redis { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(9);

    public int Evses { get; private set; } = 1500;

    public int Rate { get; private set; } = 50;

    public int Seed { get; private set; } = 13;

    /// <summary>Gets the name of this process when it is one of the backend instances (hidden <c>--instance</c>).</summary>
    public string? Instance { get; private set; }

    /// <summary>Gets the emulator's address, for a backend instance (hidden <c>--hubject</c>).</summary>
    public Uri? Hubject { get; private set; }

    /// <summary>Gets the file of the charge points' statuses (the backends' shared database), for a backend instance (hidden <c>--snapshot</c>).</summary>
    public string? Snapshot { get; private set; }

    /// <summary>Gets the Redis key prefix of this run, for a backend instance (hidden <c>--key-prefix</c>).</summary>
    public string? KeyPrefix { get; private set; }

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are invalid.</summary>
    public static ScaleOutArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var redis = new Option<string?>("--redis")
        {
            CustomParser = result => ParseEndpoint(result),
        };
        var duration = Number("--duration", 9, NumberStyles.Float, 3, 300, "--duration must be a number of seconds from 3 to 300");
        var evses = Number("--evses", 1500, NumberStyles.None, 3, 20_000, "--evses must be a whole number from 3 to 20000");
        var rate = Number("--rate", 50, NumberStyles.None, 1, 1000, "--rate must be a whole number from 1 to 1000");
        var seed = Number("--seed", 13, NumberStyles.AllowLeadingSign, int.MinValue, int.MaxValue, "--seed must be a whole number");
        var instance = new Option<string?>("--instance") { Hidden = true };
        var hubject = new Option<Uri?>("--hubject") { Hidden = true, CustomParser = result => new Uri(result.Tokens[0].Value) };
        var keyPrefix = new Option<string?>("--key-prefix") { Hidden = true };
        var snapshot = new Option<string?>("--snapshot") { Hidden = true };
        var command = new RootCommand { redis, duration, evses, rate, seed, instance, hubject, keyPrefix, snapshot };
        var help = command.Options.OfType<HelpOption>().Single();
        command.Options.Remove(command.Options.OfType<VersionOption>().Single());

        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error = string.Join(" ", parse.Errors.Select(e => e.Message));
            return null;
        }

        var parsed = new ScaleOutArguments
        {
            ShowHelp = parse.GetResult(help) is not null,
            Redis = parse.GetValue(redis),
            Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
            Evses = (int)parse.GetValue(evses),
            Rate = (int)parse.GetValue(rate),
            Seed = (int)parse.GetValue(seed),
            Instance = parse.GetValue(instance),
            Hubject = parse.GetValue(hubject),
            KeyPrefix = parse.GetValue(keyPrefix),
            Snapshot = parse.GetValue(snapshot),
        };
        error = parsed.Instance is not null && (parsed.Redis is null || parsed.Hubject is null || parsed.KeyPrefix is null || parsed.Snapshot is null)
            ? "--instance needs --redis, --hubject, --key-prefix and --snapshot."
            : null;
        return error is null ? parsed : null;
    }

    private static Option<double> Number(string name, double defaultValue, NumberStyles styles, double minimum, double maximum, string rule) => new(name)
    {
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (!double.TryParse(text, styles, CultureInfo.InvariantCulture, out var number) || number < minimum || number > maximum)
            {
                result.AddError($"{rule}, not '{text}'.");
            }

            return number;
        },
    };

    private static string? ParseEndpoint(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0)
        {
            result.AddError($"--redis must be HOST:PORT, for example 127.0.0.1:6379, not '{text}'.");
        }

        return text;
    }
}
