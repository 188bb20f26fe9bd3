using Oicp.Client.Mapping;

namespace Oicp.Client.Tests.Mapping;

public sealed class EvseStatusMapperTests
{
    [Theory]
    [InlineData(Ocpp16ChargePointStatus.Available, EvseStatus.Available)]
    [InlineData(Ocpp16ChargePointStatus.Preparing, EvseStatus.Occupied)]
    [InlineData(Ocpp16ChargePointStatus.Charging, EvseStatus.Occupied)]
    [InlineData(Ocpp16ChargePointStatus.SuspendedEvse, EvseStatus.Occupied)]
    [InlineData(Ocpp16ChargePointStatus.SuspendedEV, EvseStatus.Occupied)]
    [InlineData(Ocpp16ChargePointStatus.Finishing, EvseStatus.Occupied)]
    [InlineData(Ocpp16ChargePointStatus.Reserved, EvseStatus.Reserved)]
    [InlineData(Ocpp16ChargePointStatus.Unavailable, EvseStatus.OutOfService)]
    [InlineData(Ocpp16ChargePointStatus.Faulted, EvseStatus.OutOfService)]
    public void Default_maps_every_Ocpp16_status(Ocpp16ChargePointStatus source, EvseStatus expected)
    {
        EvseStatusMapper.Default.Map(source).Should().Be(expected);
    }

    [Theory]
    [InlineData(Ocpp201ConnectorStatus.Available, EvseStatus.Available)]
    [InlineData(Ocpp201ConnectorStatus.Occupied, EvseStatus.Occupied)]
    [InlineData(Ocpp201ConnectorStatus.Reserved, EvseStatus.Reserved)]
    [InlineData(Ocpp201ConnectorStatus.Unavailable, EvseStatus.OutOfService)]
    [InlineData(Ocpp201ConnectorStatus.Faulted, EvseStatus.OutOfService)]
    public void Default_maps_every_Ocpp201_status(Ocpp201ConnectorStatus source, EvseStatus expected)
    {
        EvseStatusMapper.Default.Map(source).Should().Be(expected);
    }

    [Theory]
    [InlineData(OcpiEvseStatus.Available, EvseStatus.Available)]
    [InlineData(OcpiEvseStatus.Blocked, EvseStatus.Occupied)]
    [InlineData(OcpiEvseStatus.Charging, EvseStatus.Occupied)]
    [InlineData(OcpiEvseStatus.Inoperative, EvseStatus.OutOfService)]
    [InlineData(OcpiEvseStatus.OutOfOrder, EvseStatus.OutOfService)]
    [InlineData(OcpiEvseStatus.Reserved, EvseStatus.Reserved)]
    [InlineData(OcpiEvseStatus.Unknown, EvseStatus.Unknown)]
    public void Default_maps_every_live_Ocpi_status(OcpiEvseStatus source, EvseStatus expected)
    {
        var result = EvseStatusMapper.Default.Map(source);

        result.Kind.Should().Be(OcpiMappingKind.Status);
        result.IsLive.Should().BeTrue();
        result.Status.Should().Be(expected);
        result.TryGetStatus(out var status).Should().BeTrue();
        status.Should().Be(expected);
    }

    [Theory]
    [InlineData(OcpiEvseStatus.Planned, OcpiMappingKind.Planned)]
    [InlineData(OcpiEvseStatus.Removed, OcpiMappingKind.Removed)]
    public void Ocpi_planned_and_removed_are_not_live_and_have_no_status(OcpiEvseStatus source, OcpiMappingKind kind)
    {
        var result = EvseStatusMapper.Default.Map(source);

        result.Kind.Should().Be(kind);
        result.IsLive.Should().BeFalse();
        result.TryGetStatus(out _).Should().BeFalse();
        ((Func<EvseStatus>)(() => result.Status)).Should().Throw<InvalidOperationException>().WithMessage($"*{kind}*");
        result.ToString().Should().Be($"not live ({kind})");
    }

    [Fact]
    public void Offline_maps_to_Unknown_by_default()
    {
        EvseStatusMapper.Default.OfflineStatus.Should().Be(EvseStatus.Unknown);
    }

    [Fact]
    public void Overrides_change_only_the_listed_statuses()
    {
        var options = new EvseStatusMappingOptions { OfflineStatus = EvseStatus.OutOfService };
        options.Ocpp16[Ocpp16ChargePointStatus.SuspendedEV] = EvseStatus.Unknown;
        options.Ocpp201[Ocpp201ConnectorStatus.Unavailable] = EvseStatus.Unknown;
        options.Ocpi[OcpiEvseStatus.Blocked] = EvseStatus.OutOfService;

        var mapper = new EvseStatusMapper(options);

        mapper.Map(Ocpp16ChargePointStatus.SuspendedEV).Should().Be(EvseStatus.Unknown);
        mapper.Map(Ocpp16ChargePointStatus.SuspendedEvse).Should().Be(EvseStatus.Occupied);
        mapper.Map(Ocpp201ConnectorStatus.Unavailable).Should().Be(EvseStatus.Unknown);
        mapper.Map(Ocpp201ConnectorStatus.Faulted).Should().Be(EvseStatus.OutOfService);
        mapper.Map(OcpiEvseStatus.Blocked).Status.Should().Be(EvseStatus.OutOfService);
        mapper.Map(OcpiEvseStatus.Charging).Status.Should().Be(EvseStatus.Occupied);
        mapper.OfflineStatus.Should().Be(EvseStatus.OutOfService);
        EvseStatusMapper.Default.Map(Ocpp16ChargePointStatus.SuspendedEV).Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public void Options_are_read_once_when_the_mapper_is_built()
    {
        var options = new EvseStatusMappingOptions();
        var mapper = new EvseStatusMapper(options);

        options.Ocpp16[Ocpp16ChargePointStatus.Charging] = EvseStatus.Unknown;

        mapper.Map(Ocpp16ChargePointStatus.Charging).Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public void Overriding_to_EvseNotFound_is_refused_for_every_protocol_and_offline()
    {
        var ocpp16 = new EvseStatusMappingOptions();
        ocpp16.Ocpp16[Ocpp16ChargePointStatus.Faulted] = EvseStatus.EvseNotFound;
        var ocpp201 = new EvseStatusMappingOptions();
        ocpp201.Ocpp201[Ocpp201ConnectorStatus.Faulted] = EvseStatus.EvseNotFound;
        var ocpi = new EvseStatusMappingOptions();
        ocpi.Ocpi[OcpiEvseStatus.Unknown] = EvseStatus.EvseNotFound;
        var offline = new EvseStatusMappingOptions { OfflineStatus = EvseStatus.EvseNotFound };

        foreach (var options in new[] { ocpp16, ocpp201, ocpi, offline })
        {
            ((Action)(() => _ = new EvseStatusMapper(options))).Should().Throw<ArgumentException>().WithMessage("*EvseNotFound*");
        }
    }

    [Fact]
    public void Overriding_with_undefined_values_is_refused()
    {
        var badTarget = new EvseStatusMappingOptions();
        badTarget.Ocpp16[Ocpp16ChargePointStatus.Faulted] = (EvseStatus)42;
        var badSource = new EvseStatusMappingOptions();
        badSource.Ocpp201[(Ocpp201ConnectorStatus)42] = EvseStatus.Available;

        ((Action)(() => _ = new EvseStatusMapper(badTarget))).Should().Throw<ArgumentException>().WithMessage("*42*");
        ((Action)(() => _ = new EvseStatusMapper(badSource))).Should().Throw<ArgumentException>().WithMessage("*42*");
    }

    [Theory]
    [InlineData(OcpiEvseStatus.Planned)]
    [InlineData(OcpiEvseStatus.Removed)]
    public void Overriding_Ocpi_planned_or_removed_is_refused(OcpiEvseStatus source)
    {
        var options = new EvseStatusMappingOptions();
        options.Ocpi[source] = EvseStatus.Unknown;

        ((Action)(() => _ = new EvseStatusMapper(options))).Should().Throw<ArgumentException>().WithMessage($"*{source.ToWireString()}*not*live*");
    }

    [Fact]
    public void Mapping_an_undefined_source_value_is_refused()
    {
        ((Action)(() => EvseStatusMapper.Default.Map((Ocpp16ChargePointStatus)9))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => EvseStatusMapper.Default.Map((Ocpp201ConnectorStatus)(-1)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => EvseStatusMapper.Default.Map((OcpiEvseStatus)9))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Live_results_are_shared_instances()
    {
        OcpiMappingResult.Live(EvseStatus.Occupied).Should().BeSameAs(EvseStatusMapper.Default.Map(OcpiEvseStatus.Charging));
        ((Action)(() => OcpiMappingResult.Live((EvseStatus)17))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
