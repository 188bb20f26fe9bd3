using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Oicp.Client.Tool;

/// <summary>
/// The SDK exactly as an application registers it, <c>AddOicpEvseStatusPusher(configuration.GetSection("Oicp"))</c>:
/// the same binding, the same validation and the same pusher, so the tool cannot disagree with the SDK.
/// </summary>
internal sealed class OicpSettings : IAsyncDisposable
{
    /// <summary>Where settings come from, for every message about a wrong one.</summary>
    public const string FixSettingsAdvice = "Fix it with a flag, an Oicp__* environment variable or the Oicp section of appsettings.json (flags win).";

    private readonly ServiceProvider _services;

    private OicpSettings(ServiceProvider services) => _services = services;

    public static OicpSettings Create(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(configuration.GetSection(OicpClientOptions.DefaultSectionName));
        return new OicpSettings(services.BuildServiceProvider());
    }

    /// <summary>Returns the options as configured, before validation, so each part can be checked on its own.</summary>
    /// <exception cref="OptionsValidationException">A value cannot be bound; the message names the key.</exception>
    public OicpClientOptions BindWithoutValidation()
    {
        var options = new OicpClientOptions();
        foreach (var configure in _services.GetServices<IConfigureOptions<OicpClientOptions>>())
        {
            configure.Configure(options);
        }

        foreach (var postConfigure in _services.GetServices<IPostConfigureOptions<OicpClientOptions>>())
        {
            postConfigure.PostConfigure(Options.DefaultName, options);
        }

        return options;
    }

    /// <summary>Runs the SDK's start-up validation on <paramref name="options"/>; returns its messages (empty when valid).</summary>
    public IReadOnlyList<string> Validate(OicpClientOptions options)
    {
        var failures = new List<string>();
        foreach (var validator in _services.GetServices<IValidateOptions<OicpClientOptions>>())
        {
            try
            {
                var result = validator.Validate(Options.DefaultName, options);
                if (result.Failed)
                {
                    failures.AddRange(result.Failures ?? [result.FailureMessage]);
                }
            }
            catch (Exception exception) when (IsCertificateProblem(exception))
            {
                failures.Add(Escaped(exception));
            }
        }

        return failures;
    }

    /// <summary>
    /// Returns the SDK's pusher, validating the options as the host's start would. Invalid settings (or a value
    /// that cannot be bound) add a failed <c>settings</c> check to <paramref name="report"/> and return <see langword="null"/>.
    /// </summary>
    public IEvseStatusPusher? TryGetPusher(ToolReport report)
    {
        try
        {
            var options = _services.GetRequiredService<IOptions<OicpClientOptions>>().Value;
            EndpointFacts.Add(report, options);
            return _services.GetRequiredService<IEvseStatusPusher>();
        }
        catch (Exception exception) when (exception is OptionsValidationException || IsCertificateProblem(exception))
        {
            var failures = exception is OptionsValidationException validation ? validation.Failures : [Escaped(exception)];
            report.Add(Check.Fail("settings", "Settings", "The SDK refuses these settings: " + string.Join(" ", failures), FixSettingsAdvice));
            report.SetExitCode(ExitCodes.UsageError);
            return null;
        }
    }

    // The SDK's validator lets some certificate errors escape as exceptions (a PEM key of another certificate
    // throws ArgumentException from CopyWithPrivateKey); the tool reports them as what they are.
    private static bool IsCertificateProblem(Exception exception) =>
        exception is ArgumentException or System.Security.Cryptography.CryptographicException;

    private static string Escaped(Exception exception) =>
        $"The SDK cannot load the client certificate ({exception.GetType().Name}: {exception.Message}).";

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
