using Oicp.Client.Mapping;

namespace Oicp.Client.Tests.Mapping;

public sealed class SourceStatusParsingTests
{
    public static TheoryData<Ocpp16ChargePointStatus, string> Ocpp16Statuses => new()
    {
        { Ocpp16ChargePointStatus.Available, "Available" },
        { Ocpp16ChargePointStatus.Preparing, "Preparing" },
        { Ocpp16ChargePointStatus.Charging, "Charging" },
        { Ocpp16ChargePointStatus.SuspendedEvse, "SuspendedEVSE" },
        { Ocpp16ChargePointStatus.SuspendedEV, "SuspendedEV" },
        { Ocpp16ChargePointStatus.Finishing, "Finishing" },
        { Ocpp16ChargePointStatus.Reserved, "Reserved" },
        { Ocpp16ChargePointStatus.Unavailable, "Unavailable" },
        { Ocpp16ChargePointStatus.Faulted, "Faulted" },
    };

    public static TheoryData<Ocpp201ConnectorStatus, string> Ocpp201Statuses => new()
    {
        { Ocpp201ConnectorStatus.Available, "Available" },
        { Ocpp201ConnectorStatus.Occupied, "Occupied" },
        { Ocpp201ConnectorStatus.Reserved, "Reserved" },
        { Ocpp201ConnectorStatus.Unavailable, "Unavailable" },
        { Ocpp201ConnectorStatus.Faulted, "Faulted" },
    };

    public static TheoryData<OcpiEvseStatus, string> OcpiStatuses => new()
    {
        { OcpiEvseStatus.Available, "AVAILABLE" },
        { OcpiEvseStatus.Blocked, "BLOCKED" },
        { OcpiEvseStatus.Charging, "CHARGING" },
        { OcpiEvseStatus.Inoperative, "INOPERATIVE" },
        { OcpiEvseStatus.OutOfOrder, "OUTOFORDER" },
        { OcpiEvseStatus.Planned, "PLANNED" },
        { OcpiEvseStatus.Removed, "REMOVED" },
        { OcpiEvseStatus.Reserved, "RESERVED" },
        { OcpiEvseStatus.Unknown, "UNKNOWN" },
    };

    [Fact]
    public void The_tables_cover_every_enum_value()
    {
        Ocpp16Statuses.Select(row => (Ocpp16ChargePointStatus)row[0]).Should().BeEquivalentTo(Enum.GetValues<Ocpp16ChargePointStatus>());
        Ocpp201Statuses.Select(row => (Ocpp201ConnectorStatus)row[0]).Should().BeEquivalentTo(Enum.GetValues<Ocpp201ConnectorStatus>());
        OcpiStatuses.Select(row => (OcpiEvseStatus)row[0]).Should().BeEquivalentTo(Enum.GetValues<OcpiEvseStatus>());
    }

    [Theory]
    [MemberData(nameof(Ocpp16Statuses))]
    public void Ocpp16_status_round_trips_through_its_canonical_spelling(Ocpp16ChargePointStatus status, string wire)
    {
        status.ToWireString().Should().Be(wire);
        Ocpp16WireNames.ParseChargePointStatus(wire).Should().Be(status);
        Ocpp16WireNames.ParseChargePointStatus(wire.ToUpperInvariant()).Should().Be(status);
        Ocpp16WireNames.ParseChargePointStatus($"  {wire.ToLowerInvariant()} ").Should().Be(status);
    }

    [Theory]
    [MemberData(nameof(Ocpp201Statuses))]
    public void Ocpp201_status_round_trips_through_its_canonical_spelling(Ocpp201ConnectorStatus status, string wire)
    {
        status.ToWireString().Should().Be(wire);
        Ocpp201WireNames.ParseConnectorStatus(wire).Should().Be(status);
        Ocpp201WireNames.TryParseConnectorStatus(wire.ToUpperInvariant(), out var parsed).Should().BeTrue();
        parsed.Should().Be(status);
    }

    [Theory]
    [MemberData(nameof(OcpiStatuses))]
    public void Ocpi_status_round_trips_through_its_canonical_spelling(OcpiEvseStatus status, string wire)
    {
        status.ToWireString().Should().Be(wire);
        OcpiWireNames.ParseEvseStatus(wire).Should().Be(status);
        OcpiWireNames.TryParseEvseStatus(wire.ToLowerInvariant(), out var parsed).Should().BeTrue();
        parsed.Should().Be(status);
    }

    [Theory]
    [InlineData("Suspended EV", Ocpp16ChargePointStatus.SuspendedEV)]
    [InlineData("SuspendedEv", Ocpp16ChargePointStatus.SuspendedEV)]
    [InlineData("suspended_ev", Ocpp16ChargePointStatus.SuspendedEV)]
    [InlineData("SUSPENDED-EV", Ocpp16ChargePointStatus.SuspendedEV)]
    [InlineData("Suspended EVSE", Ocpp16ChargePointStatus.SuspendedEvse)]
    [InlineData("suspended_evse", Ocpp16ChargePointStatus.SuspendedEvse)]
    [InlineData("SuspendedEvse", Ocpp16ChargePointStatus.SuspendedEvse)]
    [InlineData("\tcharging\r\n", Ocpp16ChargePointStatus.Charging)]
    [InlineData("FAULTED", Ocpp16ChargePointStatus.Faulted)]
    public void Ocpp16_status_parsing_tolerates_spellings_seen_in_the_wild(string text, Ocpp16ChargePointStatus expected)
    {
        Ocpp16WireNames.ParseChargePointStatus(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("Out of order", OcpiEvseStatus.OutOfOrder)]
    [InlineData("OUT_OF_ORDER", OcpiEvseStatus.OutOfOrder)]
    [InlineData("out-of-order", OcpiEvseStatus.OutOfOrder)]
    [InlineData("OutOfOrder", OcpiEvseStatus.OutOfOrder)]
    [InlineData(" Available ", OcpiEvseStatus.Available)]
    [InlineData("Inoperative", OcpiEvseStatus.Inoperative)]
    public void Ocpi_status_parsing_tolerates_spellings_seen_in_the_wild(string text, OcpiEvseStatus expected)
    {
        OcpiWireNames.ParseEvseStatus(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Suspended")]
    [InlineData("Occupied")]
    [InlineData("Charging2")]
    [InlineData("Avail")]
    [InlineData("SuspendedEVSEE")]
    public void Ocpp16_status_parsing_rejects_other_text_naming_value_protocol_and_accepted_values(string text)
    {
        Ocpp16WireNames.TryParseChargePointStatus(text, out _).Should().BeFalse();

        var parse = () => Ocpp16WireNames.ParseChargePointStatus(text);

        parse.Should().Throw<FormatException>()
            .Which.Message.Should().Contain($"'{text}'").And.Contain("OCPP 1.6 ChargePointStatus")
            .And.Contain("Available, Preparing, Charging, SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted");
    }

    [Fact]
    public void Other_parsers_reject_unknown_text_naming_value_protocol_and_accepted_values()
    {
        ((Action)(() => Ocpp201WireNames.ParseConnectorStatus("Charging"))).Should().Throw<FormatException>()
            .WithMessage("'Charging'*OCPP 2.0.1 ConnectorStatus*Available, Occupied, Reserved, Unavailable, Faulted*");
        ((Action)(() => OcpiWireNames.ParseEvseStatus("Occupied"))).Should().Throw<FormatException>()
            .WithMessage("'Occupied'*OCPI 2.2.1 EVSE Status*AVAILABLE, BLOCKED, CHARGING, INOPERATIVE, OUTOFORDER, PLANNED, REMOVED, RESERVED, UNKNOWN*");
    }

    [Fact]
    public void Null_is_refused_by_Parse_and_not_parsed_by_TryParse()
    {
        ((Action)(() => Ocpp16WireNames.ParseChargePointStatus(null!))).Should().Throw<ArgumentNullException>();
        Ocpp16WireNames.TryParseChargePointStatus(null, out var status).Should().BeFalse();
        status.Should().Be(default(Ocpp16ChargePointStatus));
        OcpiWireNames.TryParseEvseStatus(null, out _).Should().BeFalse();
        Ocpp201WireNames.TryParseConnectorStatus(null, out _).Should().BeFalse();
    }

    [Fact]
    public void ToWireString_refuses_undefined_values()
    {
        ((Action)(() => ((Ocpp16ChargePointStatus)99).ToWireString())).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => ((Ocpp16ChargePointStatus)(-1)).ToWireString())).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => ((Ocpp201ConnectorStatus)5).ToWireString())).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => ((OcpiEvseStatus)9).ToWireString())).Should().Throw<ArgumentOutOfRangeException>();
    }
}
