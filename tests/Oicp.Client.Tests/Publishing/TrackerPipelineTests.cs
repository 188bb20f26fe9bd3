using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Mapping;
using Oicp.Client.Publishing;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class TrackerPipelineTests
{
    private static readonly string[] ChargePoints = Enumerable.Range(0, 100).Select(i => $"CP-{i}").ToArray();

    [Fact]
    public void Publish_of_a_change_forwards_its_EvseId_and_status()
    {
        var publisher = new RecordingPublisher();

        publisher.Publish(new EvseStatusChange(Evse(1), EvseStatus.Occupied));

        publisher.Published.Should().Equal((Evse(1), EvseStatus.Occupied));
    }

    [Fact]
    public void PublishAll_forwards_every_change_in_order_from_a_list_and_from_a_lazy_sequence()
    {
        var publisher = new RecordingPublisher();
        var list = new List<EvseStatusChange> { new(Evse(1), EvseStatus.Occupied), new(Evse(2), EvseStatus.OutOfService) };

        publisher.PublishAll(list);
        publisher.PublishAll(list.Select(change => change with { Status = EvseStatus.Available }));

        publisher.Published.Should().Equal(
            (Evse(1), EvseStatus.Occupied),
            (Evse(2), EvseStatus.OutOfService),
            (Evse(1), EvseStatus.Available),
            (Evse(2), EvseStatus.Available));
    }

    [Fact]
    public void Publish_and_PublishAll_refuse_null_arguments()
    {
        IEvseStatusPublisher? none = null;
        var publisher = new RecordingPublisher();

        FluentActions.Invoking(() => none!.Publish(new EvseStatusChange(Evse(1), EvseStatus.Available))).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => none!.PublishAll([])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => publisher.PublishAll(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void PublishAll_of_the_trackers_reused_list_allocates_nothing()
    {
        var harness = new PublisherHarness();
        var tracker = new EvseStatusTracker();
        for (var i = 0; i < 100; i++)
        {
            tracker.AddConnector($"CP-{i}", 1, Evse(i));
        }

        var changes = new List<EvseStatusChange>(16);
        void Round(int round)
        {
            var status = round % 2 == 0 ? Ocpp16ChargePointStatus.Charging : Ocpp16ChargePointStatus.Available;
            for (var i = 0; i < 100; i++)
            {
                changes.Clear();
                tracker.UpdateOcpp16(ChargePoints[i], 1, status, changes);
                harness.Publisher.PublishAll(changes);
            }
        }

        Round(0);
        Round(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 2; round < 52; round++)
        {
            Round(round);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        harness.Publisher.PendingCount.Should().Be(100);
    }

    [Fact]
    public async Task TrackerSnapshotSource_reads_the_trackers_statuses_when_enumerated_not_when_created()
    {
        var tracker = new EvseStatusTracker();
        tracker.AddConnector("CP-1", 1, Evse(1));
        tracker.AddConnector("CP-1", 2, Evse(2));
        var source = new TrackerSnapshotSource(tracker);
        tracker.UpdateOcpp16("CP-1", 1, Ocpp16ChargePointStatus.Charging, []);

        var records = await source.GetSnapshotAsync(CancellationToken.None).ToListAsync();

        records.Should().Equal(new EvseStatusRecord(Evse(1), EvseStatus.Occupied), new EvseStatusRecord(Evse(2), EvseStatus.Unknown));
    }

    [Fact]
    public async Task TrackerSnapshotSource_stops_when_cancelled_and_refuses_a_null_tracker()
    {
        var tracker = new EvseStatusTracker();
        tracker.AddConnector("CP-1", 1, Evse(1));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var read = () => new TrackerSnapshotSource(tracker).GetSnapshotAsync(cancelled.Token).ToListAsync().AsTask();

        await read.Should().ThrowAsync<OperationCanceledException>();
        FluentActions.Invoking(() => new TrackerSnapshotSource(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task Tracker_output_and_a_tracker_fullLoad_leave_Hubject_equal_to_the_trackers_view()
    {
        var tracker = new EvseStatusTracker();
        for (var i = 0; i < 10; i++)
        {
            tracker.AddConnector($"CP-{i}", 1, Evse(i));
            tracker.AddConnector($"CP-{i}", 2, Evse(100 + i));
        }

        await using var harness = new PublisherHarness(o => o.FullLoadOnStart = true, new TrackerSnapshotSource(tracker));
        await harness.StartAsync();
        var changes = new List<EvseStatusChange>();
        for (var i = 0; i < 10; i++)
        {
            changes.Clear();
            tracker.UpdateOcpp16($"CP-{i}", 1, Ocpp16ChargePointStatus.Available, changes);
            tracker.UpdateOcpp16($"CP-{i}", 2, i % 2 == 0 ? Ocpp16ChargePointStatus.Preparing : Ocpp16ChargePointStatus.Available, changes);
            tracker.UpdateOcpp16($"CP-{i}", 0, i % 3 == 0 ? Ocpp16ChargePointStatus.Faulted : Ocpp16ChargePointStatus.Available, changes);
            harness.Publisher.PublishAll(changes);
        }

        // The source turns ready on the thread pool once the last EVSE has reported: settling cannot see that coming.
        await harness.Hubject.FullLoadStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(5));

        harness.Hubject.Store.Should().Equal(tracker.GetSnapshot().ToDictionary(record => record.EvseId, record => record.Status));
        harness.Hubject.Calls.Should().ContainSingle(call => call.Action == ActionType.FullLoad, "the start-up fullLoad, once every EVSE has reported")
            .Which.Records.Should().HaveCount(20);
    }

    [Fact]
    public async Task The_tracker_source_is_ready_once_every_declared_EVSE_has_reported()
    {
        var time = new FakeTimeProvider();
        var tracker = new EvseStatusTracker();
        tracker.AddConnector("CP-1", 1, Evse(1));
        tracker.AddConnector("CP-1", 2, Evse(2));
        tracker.AddConnector("CP-2", 1, Evse(3));
        var source = new TrackerSnapshotSource(tracker, TimeSpan.FromMinutes(5), time);
        var changes = new List<EvseStatusChange>();

        var ready = source.WaitUntilReadyAsync(CancellationToken.None).AsTask();
        tracker.UnheardEvseCount.Should().Be(3);
        tracker.UpdateOcpp16("CP-1", 0, Ocpp16ChargePointStatus.Available, changes);
        tracker.UnheardEvseCount.Should().Be(1, "connector 0 speaks for both EVSEs of CP-1");
        time.Advance(TimeSpan.FromSeconds(2));
        ready.IsCompleted.Should().BeFalse();
        tracker.UpdateOcpp16("CP-2", 1, Ocpp16ChargePointStatus.Unavailable, changes);
        time.Advance(TimeSpan.FromSeconds(1));

        await ready.WaitAsync(TimeSpan.FromSeconds(30));
        tracker.UnheardEvseCount.Should().Be(0);
    }

    [Fact]
    public async Task The_tracker_source_is_ready_after_its_timeout_even_if_chargers_stay_silent()
    {
        var time = new FakeTimeProvider();
        var tracker = new EvseStatusTracker();
        tracker.AddConnector("CP-1", 1, Evse(1));
        var source = new TrackerSnapshotSource(tracker, TimeSpan.FromMinutes(5), time);

        var ready = source.WaitUntilReadyAsync(CancellationToken.None).AsTask();
        for (var second = 0; second < 299; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        ready.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        await ready.WaitAsync(TimeSpan.FromSeconds(30));
        tracker.UnheardEvseCount.Should().Be(1);
    }

    private sealed class RecordingPublisher : IEvseStatusPublisher
    {
        public event EventHandler<EvseStatusPublishFailedEventArgs>? PublishFailed
        {
            add { }
            remove { }
        }

        public List<(EvseId, EvseStatus)> Published { get; } = [];

        public int PendingCount => 0;

        public void Publish(EvseId evseId, EvseStatus status) => Published.Add((evseId, status));

        public void TriggerFullLoad() => throw new InvalidOperationException("Not used by these tests.");

        public Task<PushResult> RequestFullLoadAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not used by these tests.");

        public EvseStatusPublisherHealth GetHealth() => throw new InvalidOperationException("Not used by these tests.");
    }
}
