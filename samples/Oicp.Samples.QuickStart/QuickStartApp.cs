using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Oicp.Client;
using Oicp.Client.Testing;

namespace Oicp.Samples.QuickStart;

/// <summary>The sample's logic, callable from tests: the process entry point only wires the console.</summary>
public static class QuickStartApp
{
    private static readonly OperatorId Operator = OperatorId.Parse("DE*ABC");

    private static readonly EvseStatusRecord[] Network =
    [
        new(EvseId.Parse("DE*ABC*E1001*1"), EvseStatus.Available),
        new(EvseId.Parse("DE*ABC*E1001*2"), EvseStatus.Available),
        new(EvseId.Parse("DE*ABC*E1002*1"), EvseStatus.Occupied),
        new(EvseId.Parse("DE*ABC*E1002*2"), EvseStatus.Available),
        new(EvseId.Parse("DE*ABC*E2001*1"), EvseStatus.OutOfService),
        new(EvseId.Parse("DE*ABC*E2001*2"), EvseStatus.Unknown),
    ];

    private static readonly EvseStatusRecord[] Changes =
    [
        new(EvseId.Parse("DE*ABC*E1001*1"), EvseStatus.Occupied),
        new(EvseId.Parse("DE*ABC*E2001*1"), EvseStatus.Available),
        new(EvseId.Parse("DE*ABC*E1002*1"), EvseStatus.Available),
    ];

    /// <summary>Runs the sample; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var arguments = QuickStartArguments.Parse(args, out var error);
        if (arguments is null)
        {
            await output.WriteLineAsync($"error: {error}{Environment.NewLine}Run with --help for usage.");
            return 2;
        }

        if (arguments.ShowHelp)
        {
            await output.WriteLineAsync(QuickStartArguments.Usage);
            return 0;
        }

        return arguments.UseQa
            ? await RunAgainstQaAsync(arguments, output, cancellationToken)
            : await RunAgainstEmulatorAsync(output, cancellationToken);
    }

    private static async Task<int> RunAgainstEmulatorAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var emulator = new OicpEmulator(new OicpEmulatorOptions { CallerOperatorId = Operator });
        emulator.RegisterOperator(Operator);
        await using var server = await OicpEmulatorServer.StartAsync(emulator, cancellationToken: cancellationToken);
        await output.WriteLineAsync($"Hubject emulator listening at {server.BaseAddress}");

        using var host = BuildHost(options =>
        {
            options.OperatorId = Operator.ToString();
            options.OperatorName = "ABC Charging";
            options.BaseAddress = server.BaseAddress;
        });
        await host.StartAsync(cancellationToken);
        var pusher = host.Services.GetRequiredService<IEvseStatusPusher>();

        var expectedFailures = 0;
        var ok = Report(output, "fullLoad of the network", await pusher.FullLoadAsync(Network, cancellationToken), expectSuccess: true);
        foreach (var change in Changes)
        {
            var result = await pusher.PushStatusAsync(change.EvseId, change.Status, cancellationToken);
            ok &= Report(output, $"{change.EvseId} -> {change.Status.ToWireString()}", result, expectSuccess: true);
        }

        // An update needs an existing status record: Hubject refuses the whole request with a typed failure.
        var refused = await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E9999*1"), EvseStatus.Occupied, cancellationToken);
        var refusedAsExpected = refused is { FailureKind: PushFailureKind.Rejected } && refused.OicpCode == OicpStatusCode.DataError;
        expectedFailures += refusedAsExpected ? 1 : 0;
        ok &= Report(output, "DE*ABC*E9999*1 -> Occupied (no such EVSE)", refused, expectSuccess: false) && refusedAsExpected;

        await host.StopAsync(cancellationToken);

        var final = emulator.GetStatuses(Operator);
        await WriteTableAsync(output, final);
        var expected = Network.ToDictionary(r => r.EvseId, r => r.Status);
        foreach (var change in Changes)
        {
            expected[change.EvseId] = change.Status;
        }

        var viewMatches = final.Count == expected.Count && expected.All(pair => final.TryGetValue(pair.Key, out var status) && status == pair.Value);
        ok &= viewMatches;
        await output.WriteLineAsync($"Versions on the emulator: {emulator.GetHistory(Operator).Count}; requests: {emulator.Statistics.TotalRequests}; overlapping: {emulator.Statistics.OverlappingRequests}; rate-limited: {emulator.Statistics.RateLimitedRequests}.");
        ok &= emulator.Statistics.OverlappingRequests == 0;
        await output.WriteLineAsync(ok
            ? $"OK: every push behaved as expected ({expectedFailures} refusal demonstrated)."
            : "FAILED: a push or the emulator's final view did not match what was expected.");
        return ok ? 0 : 1;
    }

    private static async Task<int> RunAgainstQaAsync(QuickStartArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (!OicpWireNames.TryParseEvseStatus(arguments.Status, out var status))
        {
            await output.WriteLineAsync($"error: --status '{arguments.Status}' is not an OICP EvseStatus.");
            return 2;
        }

        var evseIds = new List<EvseId>();
        foreach (var text in arguments.EvseIds)
        {
            if (!EvseId.TryParse(text, out var evseId))
            {
                await output.WriteLineAsync($"error: --evse-id '{text}' is not a valid EvseID.");
                return 2;
            }

            evseIds.Add(evseId);
        }

        using var host = BuildHost(options =>
        {
            options.Environment = OicpEnvironment.Qa;
            options.OperatorId = arguments.OperatorId;
            options.ClientCertificatePath = arguments.CertificatePath;
            options.ClientCertificatePassword = arguments.CertificatePassword;
        });
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException exception)
        {
            await output.WriteLineAsync("error: " + string.Join(" ", exception.Failures));
            return 2;
        }

        var pusher = host.Services.GetRequiredService<IEvseStatusPusher>();
        var ok = true;
        foreach (var evseId in evseIds)
        {
            ok &= Report(output, $"{evseId} -> {status.ToWireString()}", await pusher.PushStatusAsync(evseId, status, cancellationToken), expectSuccess: true);
        }

        await host.StopAsync(cancellationToken);
        return ok ? 0 : 1;
    }

    private static IHost BuildHost(Action<Oicp.Client.OicpClientOptions> configure)
    {
        // DisableDefaults: the sample parses its own arguments and keeps the console for its results.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddOicpEvseStatusPusher(configure);
        return builder.Build();
    }

    private static bool Report(TextWriter output, string what, PushResult result, bool expectSuccess)
    {
        var asExpected = result.IsSuccess == expectSuccess;
        output.WriteLine($"{(asExpected ? "  ok  " : "  !!  ")} {what,-45} {result}");
        return asExpected;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyDictionary<EvseId, EvseStatus> statuses)
    {
        const string Rule = "+----------------------+--------------+";
        await output.WriteLineAsync();
        await output.WriteLineAsync("Emulator's final view of DE*ABC:");
        await output.WriteLineAsync(Rule);
        await output.WriteLineAsync($"| {"EvseID",-20} | {"EvseStatus",-12} |");
        await output.WriteLineAsync(Rule);
        foreach (var (evseId, status) in statuses.OrderBy(pair => pair.Key))
        {
            await output.WriteLineAsync($"| {evseId,-20} | {status.ToWireString(),-12} |");
        }

        await output.WriteLineAsync(Rule);
    }
}
