using Oicp.Client.Mapping;

namespace Oicp.Client.Tests.Mapping;

public sealed class EvseStatusTrackerAllocationTests
{
    private const int Rounds = 10_000;

    [Fact]
    public void Unchanged_events_do_not_allocate()
    {
        var evse = EvseId.Parse("DE*ABC*E1");
        var tracker = new EvseStatusTracker();
        tracker.AddConnector("CP1", 1, evse);
        tracker.AddConnector("CP1", 2, evse);
        tracker.AddConnector("CS1", 1, 1, EvseId.Parse("DE*ABC*E2"));
        tracker.AddOcpiEvse("uid-1", EvseId.Parse("DE*ABC*E3"));
        var changes = new List<EvseStatusChange>(16);
        tracker.UpdateOcpp16("CP1", 1, Ocpp16ChargePointStatus.Charging, changes);
        tracker.UpdateOcpp201("CS1", 1, 1, Ocpp201ConnectorStatus.Occupied, changes);
        tracker.UpdateOcpi("uid-1", OcpiEvseStatus.Charging, changes);
        changes.Clear();

        FeedUnchangedEvents(tracker, changes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        FeedUnchangedEvents(tracker, changes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Tens of thousands of events: one allocation per event (24 bytes at least) would be hundreds of KB. The
        // bound leaves room for one-off runtime work on this thread (tier-up), never per event.
        changes.Should().BeEmpty();
        allocated.Should().BeLessThan(Rounds / 10, "unchanged events allocate nothing");
    }

    private static void FeedUnchangedEvents(EvseStatusTracker tracker, List<EvseStatusChange> changes)
    {
        for (var i = 0; i < Rounds; i++)
        {
            // Connector 1 moves through statuses that all read Occupied; connector 2 moves between statuses the
            // EVSE does not see while connector 1 is in use: state changes, aggregated status does not.
            tracker.UpdateOcpp16("CP1", 1, (i & 1) == 0 ? Ocpp16ChargePointStatus.SuspendedEV : Ocpp16ChargePointStatus.Charging, changes);
            tracker.UpdateOcpp16("CP1", 2, (i & 1) == 0 ? Ocpp16ChargePointStatus.Available : Ocpp16ChargePointStatus.Faulted, changes);
            tracker.UpdateOcpp16("CP1", 0, Ocpp16ChargePointStatus.Available, changes);
            tracker.UpdateOcpp16("CP1", 9, Ocpp16ChargePointStatus.Charging, changes);
            tracker.SetOnline("CP1", true, changes);
            tracker.UpdateOcpp201("CS1", 1, 1, Ocpp201ConnectorStatus.Occupied, changes);
            tracker.UpdateOcpi("uid-1", (i & 1) == 0 ? OcpiEvseStatus.Blocked : OcpiEvseStatus.Charging, changes);
            tracker.UpdateOcpi("uid-1", OcpiEvseStatus.Planned, changes);
        }
    }
}
