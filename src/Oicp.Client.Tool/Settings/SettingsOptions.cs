using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Oicp.Client.Tool;

/// <summary>
/// The flags every command that talks to Hubject shares. They fill the same <c>Oicp</c> configuration
/// section the SDK binds, after appsettings.json and <c>Oicp__*</c> environment variables, so flags win.
/// </summary>
internal sealed class SettingsOptions
{
    private const string Section = OicpClientOptions.DefaultSectionName + ":";

    public Option<string> Config { get; } = new("--config") { HelpName = "FILE", Description = "appsettings.json to read the Oicp section from (default: ./appsettings.json when it exists)." };

    public Option<string> Environment { get; } = new("--environment") { HelpName = "qa|production", Description = "Hubject environment (Oicp:Environment; default qa)." };

    public Option<string> BaseAddress { get; } = new("--base-address") { HelpName = "URL", Description = "A base address instead of the environment's, e.g. an emulator (Oicp:BaseAddress)." };

    public Option<string> OperatorId { get; } = new("--operator-id") { HelpName = "ID", Description = "Your OperatorID, linked to your certificate (Oicp:OperatorId)." };

    public Option<string> Certificate { get; } = new("--certificate") { HelpName = "FILE", Description = "Client certificate: .pfx/.p12, or PEM (Oicp:ClientCertificatePath)." };

    public Option<string> Key { get; } = new("--key") { HelpName = "FILE", Description = "PEM private key of a PEM certificate (Oicp:ClientCertificateKeyPath)." };

    public Option<string> PasswordFile { get; } = new("--password-file") { HelpName = "FILE", Description = "File holding the certificate password (else Oicp__ClientCertificatePassword)." };

    public Option<string> TrustRoots { get; } = new("--trust-roots") { HelpName = "FILE", Description = "PEM file of the CAs the server certificate must chain to (Oicp:ServerCertificateTrustRootsPath)." };

    /// <summary>Gets the flag that exists only to refuse a password on the command line with a reason.</summary>
    public Option<string> Password { get; } = new("--password", "--certificate-password") { HelpName = "PWD", Description = "Refused: use --password-file or Oicp__ClientCertificatePassword." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document instead of the readable report." };

    public void AddTo(Command command)
    {
        command.Add(Config);
        command.Add(Environment);
        command.Add(BaseAddress);
        command.Add(OperatorId);
        command.Add(Certificate);
        command.Add(Key);
        command.Add(PasswordFile);
        command.Add(TrustRoots);
        command.Add(Password);
        command.Add(Json);
    }

    /// <summary>
    /// Builds the configuration: appsettings.json, then <c>Oicp__*</c> environment variables, then flags.
    /// Returns <see langword="null"/> and sets <paramref name="error"/> for a usage error.
    /// </summary>
    public IConfiguration? BuildConfiguration(ParseResult parse, ToolContext context, out string? error)
    {
        error = null;
        if (parse.GetResult(Password) is not null)
        {
            error = "--password is refused: a password on the command line is visible to other users in the process list " +
                "and stays in the shell history. Put it in a file only you can read and pass --password-file FILE, " +
                "or set the environment variable Oicp__ClientCertificatePassword.";
            return null;
        }

        var builder = new ConfigurationBuilder();
        if (parse.GetValue(Config) is { } configPath)
        {
            if (!File.Exists(configPath))
            {
                error = $"--config '{configPath}' does not exist.";
                return null;
            }

            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false);
        }
        else
        {
            builder.AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true);
        }

        builder.AddInMemoryCollection(FromEnvironment(context.EnvironmentVariables));

        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        AddFlag(flags, parse, Environment, nameof(OicpClientOptions.Environment));
        AddFlag(flags, parse, BaseAddress, nameof(OicpClientOptions.BaseAddress));
        AddFlag(flags, parse, OperatorId, nameof(OicpClientOptions.OperatorId));
        AddFlag(flags, parse, Certificate, nameof(OicpClientOptions.ClientCertificatePath));
        AddFlag(flags, parse, Key, nameof(OicpClientOptions.ClientCertificateKeyPath));
        AddFlag(flags, parse, TrustRoots, nameof(OicpClientOptions.ServerCertificateTrustRootsPath));
        if (parse.GetValue(PasswordFile) is { } passwordFile)
        {
            if (!File.Exists(passwordFile))
            {
                error = $"--password-file '{passwordFile}' does not exist.";
                return null;
            }

            // A file written with echo or an editor ends with a newline that is not part of the password.
            flags[Section + nameof(OicpClientOptions.ClientCertificatePassword)] = File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
        }

        builder.AddInMemoryCollection(flags);
        try
        {
            return builder.Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or IOException)
        {
            error = $"The configuration cannot be read: {exception.Message}";
            return null;
        }
    }

    private static void AddFlag(Dictionary<string, string?> flags, ParseResult parse, Option<string> option, string key)
    {
        if (parse.GetValue(option) is { } value)
        {
            flags[Section + key] = value;
        }
    }

    // The same mapping as the .NET environment variable provider: Oicp__Retry__MaxAttempts is Oicp:Retry:MaxAttempts.
    private static Dictionary<string, string?> FromEnvironment(IReadOnlyDictionary<string, string?> variables)
    {
        var prefix = OicpClientOptions.DefaultSectionName + "__";
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in variables)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                values[name.Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        return values;
    }
}
