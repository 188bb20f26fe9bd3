using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Oicp.Client.DependencyInjection.Internal;

/// <summary>
/// Binds options from configuration with the configuration-binding source generator (no reflection: trimming- and
/// AOT-safe), follows the section when it reloads, and reports a value that cannot be converted as an
/// <see cref="OptionsValidationException"/> naming its key, like every other invalid setting at start-up.
/// </summary>
internal static class ConfigurationBinding
{
    // bind calls configuration.Bind(options) on the concrete type: the generator binds only calls it can see the type of.
    public static void Bind<TOptions>(IServiceCollection services, string name, IConfiguration configuration, Action<IConfiguration, TOptions> bind)
        where TOptions : class
    {
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(name, configuration));
        services.AddOptions<TOptions>(name).Configure(options =>
        {
            try
            {
                bind(configuration, options);
            }
            catch (InvalidOperationException exception)
            {
                throw new OptionsValidationException(name, typeof(TOptions), [exception.Message]);
            }
        });
    }
}
