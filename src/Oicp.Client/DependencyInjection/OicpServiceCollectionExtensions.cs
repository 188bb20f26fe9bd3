using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oicp.Client;
using Oicp.Client.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OICP EVSE status client.</summary>
public static class OicpServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the SDK uses (for <c>IHttpClientFactory</c> configuration).</summary>
    public const string HttpClientName = "Oicp.Client";

    /// <summary>
    /// Registers <see cref="IEvseStatusPusher"/> (a singleton: one sequential queue per operator), its
    /// options, validated at start-up, and the HTTP client presenting the client certificate.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the SDK's HTTP client, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddOicpEvseStatusPusher(this IServiceCollection services, Action<OicpClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="IEvseStatusPusher"/> with options read from a configuration section (for
    /// example <c>configuration.GetSection("Oicp")</c>) and reloaded when it changes; see the README for the keys.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The builder of the SDK's HTTP client, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddOicpEvseStatusPusher(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IOptionsChangeTokenSource<OicpClientOptions>>(new ConfigurationChangeTokenSource<OicpClientOptions>(Options.Options.DefaultName, configuration));
        services.Configure<OicpClientOptions>(options => Bind(configuration, options));
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<OicpClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OicpClientOptions>, OicpClientOptionsValidator>());
        services.TryAddSingleton<ClientCertificateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClientCertificateStartupCheck>());
        services.TryAddSingleton<EvseStatusPusher>(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new EvseStatusPusher(
                () => factory.CreateClient(HttpClientName),
                sp.GetRequiredService<IOptions<OicpClientOptions>>().Value,
                sp.GetService<ILoggerFactory>()?.CreateLogger<EvseStatusPusher>(),
                sp.GetService<TimeProvider>());
        });
        services.TryAddSingleton<IEvseStatusPusher>(sp => sp.GetRequiredService<EvseStatusPusher>());

        return services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => OicpHttpHandlerFactory.Create(sp.GetRequiredService<ClientCertificateProvider>()));
    }

    // Bound by hand rather than with the reflection-based binder: trimming- and AOT-safe, and an
    // unparsable value names its key instead of failing somewhere inside the binder.
    private static void Bind(IConfiguration section, OicpClientOptions options)
    {
        if (section[nameof(OicpClientOptions.Environment)] is { } environment)
        {
            options.Environment = Enum.TryParse<OicpEnvironment>(environment, ignoreCase: true, out var parsed)
                ? parsed
                : throw Invalid($"Environment '{environment}' is not Qa or Production.");
        }

        if (section[nameof(OicpClientOptions.BaseAddress)] is { Length: > 0 } baseAddress)
        {
            options.BaseAddress = Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri)
                ? uri
                : throw Invalid($"BaseAddress '{baseAddress}' is not an absolute URI.");
        }

        options.OperatorId = section[nameof(OicpClientOptions.OperatorId)] ?? options.OperatorId;
        options.OperatorName = section[nameof(OicpClientOptions.OperatorName)] ?? options.OperatorName;
        options.ClientCertificatePath = section[nameof(OicpClientOptions.ClientCertificatePath)] ?? options.ClientCertificatePath;
        options.ClientCertificatePassword = section[nameof(OicpClientOptions.ClientCertificatePassword)] ?? options.ClientCertificatePassword;
        options.ClientCertificateKeyPath = section[nameof(OicpClientOptions.ClientCertificateKeyPath)] ?? options.ClientCertificateKeyPath;
        options.ServerCertificateTrustRootsPath = section[nameof(OicpClientOptions.ServerCertificateTrustRootsPath)] ?? options.ServerCertificateTrustRootsPath;

        foreach (var child in section.GetSection(nameof(OicpClientOptions.SubOperatorIds)).GetChildren())
        {
            if (child.Value is { } subOperatorId)
            {
                options.SubOperatorIds.Add(subOperatorId);
            }
        }

        if (section[nameof(OicpClientOptions.RequestTimeout)] is { } timeout)
        {
            options.RequestTimeout = TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Invalid($"RequestTimeout '{timeout}' is not a time span (for example 00:00:30).");
        }

        BindRetryAndLimits(section, options);

        if (section[nameof(OicpClientOptions.StatusChangeActionType)] is { } actionType)
        {
            options.StatusChangeActionType = Enum.TryParse<ActionType>(actionType, ignoreCase: true, out var parsed)
                ? parsed
                : throw Invalid($"StatusChangeActionType '{actionType}' is not Update or Insert.");
        }

        if (section[nameof(OicpClientOptions.PercentEncodeOperatorIdInPath)] is { } encode)
        {
            options.PercentEncodeOperatorIdInPath = bool.TryParse(encode, out var parsed)
                ? parsed
                : throw Invalid($"PercentEncodeOperatorIdInPath '{encode}' is not true or false.");
        }
    }

    private static void BindRetryAndLimits(IConfiguration section, OicpClientOptions options)
    {
        var retry = section.GetSection(nameof(OicpClientOptions.Retry));
        options.Retry.MaxAttempts = ReadInt(retry, nameof(OicpRetryOptions.MaxAttempts), "Retry:") ?? options.Retry.MaxAttempts;
        options.Retry.BaseDelay = ReadTimeSpan(retry, nameof(OicpRetryOptions.BaseDelay), "Retry:") ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = ReadTimeSpan(retry, nameof(OicpRetryOptions.MaxDelay), "Retry:") ?? options.Retry.MaxDelay;
        options.Retry.TotalBudget = ReadTimeSpan(retry, nameof(OicpRetryOptions.TotalBudget), "Retry:") ?? options.Retry.TotalBudget;
        if (retry[nameof(OicpRetryOptions.UseJitter)] is { } jitter)
        {
            options.Retry.UseJitter = bool.TryParse(jitter, out var parsed) ? parsed : throw Invalid($"Retry:UseJitter '{jitter}' is not true or false.");
        }

        var rateLimit = section.GetSection(nameof(OicpClientOptions.RateLimit));
        options.RateLimit.PermitLimit = ReadInt(rateLimit, nameof(OicpRateLimitOptions.PermitLimit), "RateLimit:") ?? options.RateLimit.PermitLimit;
        options.RateLimit.Window = ReadTimeSpan(rateLimit, nameof(OicpRateLimitOptions.Window), "RateLimit:") ?? options.RateLimit.Window;

        if (section[nameof(OicpClientOptions.MaxResponseBytes)] is { } max)
        {
            options.MaxResponseBytes = long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Invalid($"MaxResponseBytes '{max}' is not a number of bytes.");
        }
    }

    private static int? ReadInt(IConfiguration section, string key, string prefix) =>
        section[key] is not { } text ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid($"{prefix}{key} '{text}' is not a whole number.");

    private static TimeSpan? ReadTimeSpan(IConfiguration section, string key, string prefix) =>
        section[key] is not { } text ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid($"{prefix}{key} '{text}' is not a time span (for example 00:00:30).");

    private static OptionsValidationException Invalid(string message) =>
        new(Options.Options.DefaultName, typeof(OicpClientOptions), [message]);
}
