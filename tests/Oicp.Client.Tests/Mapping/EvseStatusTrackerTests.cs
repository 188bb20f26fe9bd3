using Oicp.Client.Mapping;

namespace Oicp.Client.Tests.Mapping;

public sealed class EvseStatusTrackerTests
{
    private static readonly EvseId Evse1 = EvseId.Parse("DE*ABC*E1");
    private static readonly EvseId Evse2 = EvseId.Parse("DE*ABC*E2");
    private static readonly EvseId Shared = EvseId.Parse("DE*ABC*E3");

    private readonly EvseStatusTracker _tracker = new();
    private readonly List<EvseStatusChange> _changes = [];

    public EvseStatusTrackerTests()
    {
        _tracker.AddConnector("CP1", 1, Evse1);
        _tracker.AddConnector("CP1", 2, Evse2);
        _tracker.AddConnector("CP2", 1, Shared);
        _tracker.AddConnector("CP2", 2, Shared);
    }

    [Fact]
    public void Declared_EVSEs_start_Unknown_without_a_change()
    {
        _tracker.GetSnapshot().Should().Equal(
            new EvseStatusRecord(Evse1, EvseStatus.Unknown),
            new EvseStatusRecord(Evse2, EvseStatus.Unknown),
            new EvseStatusRecord(Shared, EvseStatus.Unknown));
    }

    [Fact]
    public void Preparing_Charging_SuspendedEV_Finishing_report_one_Occupied()
    {
        foreach (var status in new[] { Ocpp16ChargePointStatus.Preparing, Ocpp16ChargePointStatus.Charging, Ocpp16ChargePointStatus.SuspendedEV, Ocpp16ChargePointStatus.Finishing })
        {
            _tracker.UpdateOcpp16("CP1", 1, status, _changes);
        }

        _changes.Should().Equal(new EvseStatusChange(Evse1, EvseStatus.Occupied));
    }

    [Fact]
    public void A_session_reports_Occupied_then_Available()
    {
        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Available, _changes).Should().BeTrue();
        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Preparing, _changes).Should().BeTrue();
        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Charging, _changes).Should().BeFalse();
        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Available, _changes).Should().BeTrue();

        _changes.Should().Equal(
            new EvseStatusChange(Evse1, EvseStatus.Available),
            new EvseStatusChange(Evse1, EvseStatus.Occupied),
            new EvseStatusChange(Evse1, EvseStatus.Available));
        _tracker.TryGetStatus(Evse1, out var status).Should().BeTrue();
        status.Should().Be(EvseStatus.Available);
    }

    [Fact]
    public void Connectors_sharing_an_EVSE_are_aggregated()
    {
        _tracker.UpdateOcpp16("CP2", 1, Ocpp16ChargePointStatus.Faulted, _changes);
        _tracker.UpdateOcpp16("CP2", 2, Ocpp16ChargePointStatus.Available, _changes);
        _tracker.UpdateOcpp16("CP2", 2, Ocpp16ChargePointStatus.Charging, _changes);
        _tracker.UpdateOcpp16("CP2", 2, Ocpp16ChargePointStatus.Faulted, _changes);

        // The first event reports nothing: Faulted next to a connector not heard from stays Unknown.
        _changes.Should().Equal(
            new EvseStatusChange(Shared, EvseStatus.Available),
            new EvseStatusChange(Shared, EvseStatus.Occupied),
            new EvseStatusChange(Shared, EvseStatus.OutOfService));
    }

    [Theory]
    [InlineData(Ocpp16ChargePointStatus.Unavailable)]
    [InlineData(Ocpp16ChargePointStatus.Faulted)]
    public void Connector0_out_of_service_takes_every_EVSE_of_the_charge_point_until_it_recovers(Ocpp16ChargePointStatus connector0)
    {
        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Charging, _changes);
        _tracker.UpdateOcpp16("CP1", 2, Ocpp16ChargePointStatus.Available, _changes);
        _tracker.UpdateOcpp16("CP2", 1, Ocpp16ChargePointStatus.Available, _changes);
        _changes.Clear();

        _tracker.UpdateOcpp16("CP1", 0, connector0, _changes).Should().BeTrue();
        _tracker.UpdateOcpp16("CP1", 2, Ocpp16ChargePointStatus.Preparing, _changes).Should().BeFalse();

        _changes.Should().BeEquivalentTo([new EvseStatusChange(Evse1, EvseStatus.OutOfService), new EvseStatusChange(Evse2, EvseStatus.OutOfService)]);
        _changes.Clear();

        _tracker.UpdateOcpp16("CP1", 0, Ocpp16ChargePointStatus.Available, _changes).Should().BeTrue();

        _changes.Should().BeEquivalentTo([new EvseStatusChange(Evse1, EvseStatus.Occupied), new EvseStatusChange(Evse2, EvseStatus.Occupied)]);
        _tracker.TryGetStatus(Shared, out var other).Should().BeTrue();
        other.Should().Be(EvseStatus.Available);
    }

    [Fact]
    public void Connector0_in_a_live_status_changes_nothing()
    {
        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Charging, _changes);
        _changes.Clear();

        _tracker.UpdateOcpp16("CP1", 0, Ocpp16ChargePointStatus.Available, _changes).Should().BeFalse();
        _tracker.UpdateOcpp16("CP1", 0, Ocpp16ChargePointStatus.Reserved, _changes).Should().BeFalse();

        _changes.Should().BeEmpty();
    }

    [Fact]
    public void Offline_charger_makes_its_EVSEs_Unknown_and_reconnecting_restores_the_last_statuses()
    {
        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Charging, _changes);
        _tracker.UpdateOcpp16("CP1", 2, Ocpp16ChargePointStatus.Available, _changes);
        _changes.Clear();

        _tracker.SetOnline("CP1", false, _changes).Should().BeTrue();
        _changes.Should().BeEquivalentTo([new EvseStatusChange(Evse1, EvseStatus.Unknown), new EvseStatusChange(Evse2, EvseStatus.Unknown)]);
        _changes.Clear();

        _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Available, _changes).Should().BeFalse();
        _tracker.SetOnline("CP1", false, _changes).Should().BeFalse();
        _tracker.SetOnline("CP1", true, _changes).Should().BeTrue();

        _changes.Should().BeEquivalentTo([new EvseStatusChange(Evse1, EvseStatus.Available), new EvseStatusChange(Evse2, EvseStatus.Available)]);
    }

    [Fact]
    public void Offline_wins_over_connector0_and_uses_the_configured_status()
    {
        var options = new EvseStatusMappingOptions { OfflineStatus = EvseStatus.OutOfService };
        var tracker = new EvseStatusTracker(new EvseStatusMapper(options));
        tracker.AddConnector("CP", 1, Evse1);
        tracker.UpdateOcpp16("CP", 1, Ocpp16ChargePointStatus.Available, _changes);
        tracker.UpdateOcpp16("CP", 0, Ocpp16ChargePointStatus.Faulted, _changes);
        _changes.Clear();

        tracker.SetOnline("CP", false, _changes).Should().BeFalse();
        tracker.UpdateOcpp16("CP", 0, Ocpp16ChargePointStatus.Available, _changes).Should().BeFalse();
        tracker.SetOnline("CP", true, _changes).Should().BeTrue();

        _changes.Should().Equal(new EvseStatusChange(Evse1, EvseStatus.Available));
    }

    [Fact]
    public void Overrides_apply_to_tracked_connectors()
    {
        var options = new EvseStatusMappingOptions();
        options.Ocpp16[Ocpp16ChargePointStatus.SuspendedEV] = EvseStatus.Unknown;
        var tracker = new EvseStatusTracker(new EvseStatusMapper(options));
        tracker.AddConnector("CP", 1, Evse1);

        tracker.UpdateOcpp16("CP", 1, Ocpp16ChargePointStatus.Charging, _changes);
        tracker.UpdateOcpp16("CP", 1, Ocpp16ChargePointStatus.SuspendedEV, _changes);

        _changes.Should().Equal(new EvseStatusChange(Evse1, EvseStatus.Occupied), new EvseStatusChange(Evse1, EvseStatus.Unknown));
    }

    [Fact]
    public void Ocpp201_connectors_are_addressed_by_EVSE_and_connector()
    {
        var tracker = new EvseStatusTracker();
        tracker.AddConnector("CS", 1, 1, Evse1);
        tracker.AddConnector("CS", 1, 2, Evse1);
        tracker.AddConnector("CS", 2, 1, Evse2);

        tracker.UpdateOcpp201("CS", 1, 2, Ocpp201ConnectorStatus.Occupied, _changes).Should().BeTrue();
        tracker.UpdateOcpp201("CS", 1, 1, Ocpp201ConnectorStatus.Available, _changes).Should().BeFalse();
        tracker.UpdateOcpp201("CS", 2, 1, Ocpp201ConnectorStatus.Unavailable, _changes).Should().BeTrue();
        tracker.UpdateOcpp201("CS", 3, 1, Ocpp201ConnectorStatus.Faulted, _changes).Should().BeFalse();

        _changes.Should().Equal(new EvseStatusChange(Evse1, EvseStatus.Occupied), new EvseStatusChange(Evse2, EvseStatus.OutOfService));
    }

    [Fact]
    public void Ocpi_planned_and_removed_are_returned_to_the_caller_and_leave_the_state_unchanged()
    {
        var tracker = new EvseStatusTracker();
        tracker.AddOcpiEvse("uid-1", Evse1);

        tracker.UpdateOcpi("uid-1", OcpiEvseStatus.Charging, _changes).Status.Should().Be(EvseStatus.Occupied);
        tracker.UpdateOcpi("uid-1", OcpiEvseStatus.Blocked, _changes).IsLive.Should().BeTrue();
        tracker.UpdateOcpi("uid-1", OcpiEvseStatus.Removed, _changes).Kind.Should().Be(OcpiMappingKind.Removed);
        tracker.UpdateOcpi("uid-1", OcpiEvseStatus.Planned, _changes).Kind.Should().Be(OcpiMappingKind.Planned);
        tracker.UpdateOcpi("uid-1", OcpiEvseStatus.OutOfOrder, _changes).IsLive.Should().BeTrue();

        _changes.Should().Equal(new EvseStatusChange(Evse1, EvseStatus.Occupied), new EvseStatusChange(Evse1, EvseStatus.OutOfService));
    }

    [Fact]
    public void Events_for_undeclared_connectors_and_chargers_are_ignored()
    {
        _tracker.UpdateOcpp16("CP1", 7, Ocpp16ChargePointStatus.Charging, _changes).Should().BeFalse();
        _tracker.UpdateOcpp16("CP9", 1, Ocpp16ChargePointStatus.Charging, _changes).Should().BeFalse();
        _tracker.UpdateOcpp16("CP9", 0, Ocpp16ChargePointStatus.Faulted, _changes).Should().BeFalse();
        _tracker.SetOnline("CP9", false, _changes).Should().BeFalse();
        _tracker.UpdateOcpi("nope", OcpiEvseStatus.Charging, _changes).IsLive.Should().BeTrue();
        _tracker.TryGetStatus(EvseId.Parse("DE*ABC*E999"), out _).Should().BeFalse();

        _changes.Should().BeEmpty();
    }

    [Fact]
    public void Snapshot_is_ordered_by_EvseId_and_not_changed_by_later_events()
    {
        _tracker.UpdateOcpp16("CP1", 2, Ocpp16ChargePointStatus.Reserved, _changes);
        var snapshot = _tracker.GetSnapshot();

        _tracker.UpdateOcpp16("CP1", 2, Ocpp16ChargePointStatus.Charging, _changes);

        snapshot.Should().Equal(
            new EvseStatusRecord(Evse1, EvseStatus.Unknown),
            new EvseStatusRecord(Evse2, EvseStatus.Reserved),
            new EvseStatusRecord(Shared, EvseStatus.Unknown));
    }

    [Fact]
    public void Topology_errors_are_refused()
    {
        ((Action)(() => _tracker.AddConnector("CP1", 1, Evse2))).Should().Throw<ArgumentException>().WithMessage("*Connector 1 of charge point 'CP1' is already declared*");
        ((Action)(() => _tracker.AddConnector("CP3", 1, Evse1))).Should().Throw<ArgumentException>().WithMessage("*DE*ABC*E1*another charger*");
        ((Action)(() => _tracker.AddOcpiEvse("uid", Evse1))).Should().Throw<ArgumentException>();
        ((Action)(() => _tracker.AddConnector("CP1", 0, Evse1))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _tracker.AddConnector("CP1", 0, 1, Evse1))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _tracker.AddConnector("", 1, Evse1))).Should().Throw<ArgumentException>();
        ((Action)(() => _tracker.AddConnector("CP4", 1, default))).Should().Throw<ArgumentException>();
        ((Action)(() => _tracker.UpdateOcpp16("CP1", -1, Ocpp16ChargePointStatus.Available, _changes))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Available, null!))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Concurrent_events_end_in_the_state_of_the_last_event_per_connector()
    {
        var tracker = new EvseStatusTracker();
        var evses = Enumerable.Range(1, 50).Select(i => EvseId.Parse($"DE*ABC*E{i}")).ToArray();
        for (var i = 0; i < evses.Length; i++)
        {
            tracker.AddConnector("CP", i + 1, evses[i]);
        }

        Parallel.For(0, evses.Length, i =>
        {
            var changes = new List<EvseStatusChange>();
            for (var round = 0; round < 200; round++)
            {
                tracker.UpdateOcpp16("CP", i + 1, round % 2 == 0 ? Ocpp16ChargePointStatus.Charging : Ocpp16ChargePointStatus.Available, changes);
            }

            changes.Should().HaveCount(200);
        });

        tracker.GetSnapshot().Select(r => r.Status).Should().OnlyContain(s => s == EvseStatus.Available);
    }
}
