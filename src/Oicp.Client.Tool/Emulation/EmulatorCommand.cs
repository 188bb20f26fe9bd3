using System.CommandLine;
using System.Globalization;
using Oicp.Client.Testing;

namespace Oicp.Client.Tool;

/// <summary>
/// <c>oicp emulator</c>: the Hubject emulator of Oicp.Client.Testing as a standalone server on 127.0.0.1,
/// so teams in any language can test against it. Prints its URL, one line per request, stops on Ctrl+C.
/// </summary>
internal sealed class EmulatorCommand(ToolContext context)
{
    private readonly Option<int> _port = new("--port")
    {
        HelpName = "N",
        Description = "Port on 127.0.0.1 (default: a free port, printed at start).",
        Validators = { result => RequirePort(result) },
    };

    private readonly Option<string> _certificate = new("--certificate") { HelpName = "FILE", Description = "Server certificate with key (.pfx, or PEM with --key): HTTPS with client certificates required." };
    private readonly Option<string> _key = new("--key") { HelpName = "FILE", Description = "PEM private key of a PEM server certificate." };
    private readonly Option<string> _passwordFile = new("--password-file") { HelpName = "FILE", Description = "File holding the password of the server certificate." };
    private readonly Option<string> _clientCa = new("--client-ca") { HelpName = "FILE", Description = "PEM CA that client certificates must chain to (default: any client certificate)." };
    private readonly Option<string[]> _operators = new("--operator") { HelpName = "ID", Description = "Operator registered with the emulated Hubject; repeat for more (default: DE*ABC). Others get 404 / 300.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string> _caller = new("--caller") { HelpName = "ID", Description = "The OperatorID callers are authenticated as: requests for another operator get 401 / 017." };
    private readonly Option<bool> _json = new("--json") { Description = "Log each request as one line of JSON." };
    private readonly Option<TimeSpan> _latency = new("--latency")
    {
        HelpName = "TIME",
        Description = "Network round-trip time played for every request, e.g. 100ms, 1.5s (default: 0). Half before handling, half after answering.",
        CustomParser = ParseLatency,
    };

    /// <summary>Gets how often new requests are looked for and logged.</summary>
    public static TimeSpan LogInterval { get; } = TimeSpan.FromMilliseconds(100);

    public Command Create()
    {
        var command = new Command("emulator", "Run the Hubject emulator (eRoamingPushEvseStatus) on 127.0.0.1 until Ctrl+C.")
        {
            _port, _certificate, _key, _passwordFile, _clientCa, _operators, _caller, _latency, _json,
        };
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>Reads <c>100ms</c>, <c>1.5s</c> or a time span (<c>00:00:00.250</c>), from 0 to 60 seconds.</summary>
    private static TimeSpan ParseLatency(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens[0].Value.Trim();
        double? milliseconds =
            text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms
            : text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds * 1000
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span.TotalMilliseconds
            : null;
        if (milliseconds is not { } value || value < 0 || value > 60_000)
        {
            result.AddError($"--latency must be a round-trip time such as 100ms, 1.5s or 00:00:00.250, from 0 to 60 s; not '{text}'.");
            return TimeSpan.Zero;
        }

        return TimeSpan.FromMilliseconds(value);
    }

    private static void RequirePort(System.CommandLine.Parsing.OptionResult result)
    {
        if (result.GetValueOrDefault<int>() is < 0 or > 65535)
        {
            result.AddError("--port must be from 0 to 65535.");
        }
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!TryReadOperators(parse, out var operators, out var caller, out var error) ||
            !TryServerOptions(parse, out var serverOptions, out error))
        {
            await context.Error.WriteLineAsync("error: " + error);
            return ExitCodes.UsageError;
        }

        var latency = parse.GetValue(_latency);
        var emulator = new OicpEmulator(new OicpEmulatorOptions { CallerOperatorId = caller, TimeProvider = context.TimeProvider, RoundTripTime = latency });
        foreach (var operatorId in operators)
        {
            emulator.RegisterOperator(operatorId);
        }

        await using var server = await OicpEmulatorServer.StartAsync(emulator, serverOptions, cancellationToken);
        var log = new EmulatorRequestLog(emulator, context.Out, parse.GetValue(_json));
        await context.Out.WriteLineAsync($"Hubject emulator listening at {server.BaseAddress}");
        await context.Out.WriteLineAsync($"  Operators: {string.Join(", ", operators)}{(caller is { } id ? $"; callers are authenticated as {id}" : string.Empty)}.");
        await context.Out.WriteLineAsync(serverOptions.ServerCertificate is { } certificate
            ? $"  HTTPS with mutual TLS: server certificate {certificate.Subject}; client certificates {(serverOptions.ClientCertificateAuthority is { } ca ? $"must chain to {ca.Subject}" : "of any issuer")}."
            : "  Plain HTTP (give --certificate for HTTPS with client certificates).");
        if (latency > TimeSpan.Zero)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  Round-trip time: {latency.TotalMilliseconds:0.###} ms per request (half before handling, half after answering)."));
        }

        await context.Out.WriteLineAsync($"  Push with: POST {server.BaseAddress}evsepush/v21/operators/{operators[0]}/status-records");
        await context.Out.WriteLineAsync("Press Ctrl+C to stop.");
        await context.Out.FlushAsync(CancellationToken.None);

        try
        {
            while (true)
            {
                await Task.Delay(LogInterval, context.TimeProvider, cancellationToken);
                await log.WriteNewAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await log.WriteNewAsync();
        }

        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Stopped after {emulator.Statistics.TotalRequests} request(s)."));
        await context.Out.FlushAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    private bool TryReadOperators(ParseResult parse, out OperatorId[] operators, out OperatorId? caller, out string? error)
    {
        var texts = parse.GetValue(_operators) is { Length: > 0 } given ? given : ["DE*ABC"];
        operators = new OperatorId[texts.Length];
        caller = null;
        error = null;
        for (var i = 0; i < texts.Length; i++)
        {
            if (!OperatorId.TryParse(texts[i], out operators[i]))
            {
                error = $"--operator: {OperatorIdError(texts[i])}";
                return false;
            }
        }

        if (parse.GetValue(_caller) is { } callerText)
        {
            if (!OperatorId.TryParse(callerText, out var parsed))
            {
                error = $"--caller: {OperatorIdError(callerText)}";
                return false;
            }

            caller = parsed;
        }

        return true;
    }

    private static string OperatorIdError(string text)
    {
        try
        {
            _ = OperatorId.Parse(text);
            return string.Empty;
        }
        catch (FormatException exception)
        {
            return exception.Message;
        }
    }

    private bool TryServerOptions(ParseResult parse, out OicpEmulatorServerOptions options, out string? error)
    {
        options = new OicpEmulatorServerOptions { Port = parse.GetValue(_port) };
        error = null;
        var certificatePath = parse.GetValue(_certificate);
        if (certificatePath is null)
        {
            if (parse.GetValue(_clientCa) is not null || parse.GetValue(_key) is not null)
            {
                error = "--client-ca and --key need --certificate: client certificates exist only over HTTPS.";
                return false;
            }

            return true;
        }

        try
        {
            var password = parse.GetValue(_passwordFile) is { } passwordFile ? File.ReadAllText(passwordFile).TrimEnd('\r', '\n') : null;
            var loaded = CertificateFile.Load(certificatePath, parse.GetValue(_key), password);
            if (!loaded.KeyFound || loaded.KeyMismatch is not null)
            {
                loaded.Dispose();
                error = $"--certificate '{certificatePath}': the server certificate needs its private key{(loaded.KeyMismatch is { } mismatch ? $" ({mismatch})" : string.Empty)}.";
                return false;
            }

            options.ServerCertificate = loaded.Certificate;
            if (parse.GetValue(_clientCa) is { } caPath)
            {
                options.ClientCertificateAuthority = PemCertificates.Load(caPath, "--client-ca")[0];
            }

            return true;
        }
        catch (CertificateFileException exception)
        {
            error = $"{exception.Message} {exception.Advice}";
            return false;
        }
        catch (IOException exception)
        {
            error = exception.Message;
            return false;
        }
    }
}
