using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oicp.Client.Certificates;
using Oicp.Client.Publishing;

namespace Oicp.Client.DependencyInjection.Internal;

/// <summary>The operators registered in one container, by registration name; also the <see cref="IOicpOperators"/> of it.</summary>
internal sealed class OicpRegistrations
{
    private readonly List<Registration> _all = [];

    public IReadOnlyList<Registration> All => _all;

    public Registration Add(string? serviceKey, string httpClientName)
    {
        if (_all.Exists(registration => registration.ServiceKey == serviceKey))
        {
            throw new ArgumentException(
                serviceKey is null
                    ? "AddOicpEvseStatusPusher was already called without a name; register further operators under a name of their own."
                    : $"An OICP operator is already registered under the name '{serviceKey}'.",
                nameof(serviceKey));
        }

        var registration = new Registration(serviceKey, httpClientName);
        _all.Add(registration);
        return registration;
    }

    public Registration? FindByHttpClientName(string? name) => _all.Find(registration => registration.HttpClientName == name);

    public Registration? FindByOptionsName(string? name) => _all.Find(registration => registration.OptionsName == (name ?? Options.DefaultName));

    /// <summary>Two registrations for one OperatorID would each have their own sequence and rate limit: refused at start-up.</summary>
    public void EnsureOneRegistrationPerOperator(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<OicpClientOptions>>();
        var twice = _all.GroupBy(registration => registration.ConfiguredOperatorId(options)).FirstOrDefault(group => group.Count() > 1);
        if (twice is not null)
        {
            throw new OptionsValidationException(
                twice.First().OptionsName,
                typeof(OicpClientOptions),
                [$"OperatorId {twice.Key} is configured in more than one registration ({string.Join(", ", twice.Select(registration => registration.Describe()))}); one operator needs one registration, so that its pushes share one sequence and one rate limit."]);
        }
    }

    internal sealed record Registration(string? ServiceKey, string HttpClientName)
    {
        public string OptionsName => ServiceKey ?? Options.DefaultName;

        public OicpCertificates Certificates { get; } = new();

        public string Describe() => ServiceKey is null ? "the default registration" : $"'{ServiceKey}'";

        /// <summary>The OperatorID of the options, which the start-up validation has checked.</summary>
        public OperatorId ConfiguredOperatorId(IOptionsMonitor<OicpClientOptions> options) => OperatorId.Parse(options.Get(OptionsName).OperatorId!);
    }

    /// <summary>Finds registrations by the OperatorID their options name.</summary>
    internal sealed class Operators(IServiceProvider services, OicpRegistrations registrations, IOptionsMonitor<OicpClientOptions> options) : IOicpOperators
    {
        public IReadOnlyCollection<OperatorId> OperatorIds => [.. registrations.All.Select(registration => registration.ConfiguredOperatorId(options))];

        public IEvseStatusPusher GetPusher(OperatorId operatorId) => services.GetRequiredKeyedService<IEvseStatusPusher>(Find(operatorId).ServiceKey);

        public IEvseStatusPublisher GetPublisher(OperatorId operatorId) =>
            services.GetKeyedService<IEvseStatusPublisher>(Find(operatorId).ServiceKey)
            ?? throw new KeyNotFoundException($"Operator {operatorId} is registered without a publisher: chain AddEvseStatusPublisher() (package Oicp.Client.Hosting) to its AddOicpEvseStatusPusher(...).");

        private Registration Find(OperatorId operatorId) =>
            registrations.All.FirstOrDefault(registration => registration.ConfiguredOperatorId(options) == operatorId)
            ?? throw new KeyNotFoundException($"No OICP operator {operatorId} is registered; registered are: {string.Join(", ", OperatorIds)}.");
    }
}
