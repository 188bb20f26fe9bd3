using Oicp.Client.Publishing;
using Oicp.Client.Publishing.Internal;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class FullLoadTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static Dictionary<EvseId, EvseStatus> Truth(int count) =>
        Enumerable.Range(0, count).ToDictionary(Evse, _ => EvseStatus.Available);

    [Fact]
    public async Task RequestFullLoadAsync_sends_every_record_in_one_request()
    {
        var snapshot = new DictionarySnapshotSource(Truth(500));
        await using var harness = new PublisherHarness(snapshot: snapshot);
        await harness.StartAsync();

        var result = await harness.Publisher.RequestFullLoadAsync();

        result.IsSuccess.Should().BeTrue();
        harness.Hubject.Calls.Should().ContainSingle().Which.Action.Should().Be(ActionType.FullLoad);
        harness.Hubject.Calls[0].Records.Should().HaveCount(500);
    }

    [Fact]
    public async Task FullLoadOnStart_sends_a_fullLoad_when_the_publisher_starts()
    {
        await using var harness = new PublisherHarness(o => o.FullLoadOnStart = true, new DictionarySnapshotSource(Truth(3)));
        await harness.StartAsync();

        harness.Hubject.Calls.Should().ContainSingle().Which.Records.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_fullLoad_refused_for_the_operator_is_retried_until_the_setup_is_fixed()
    {
        await using var harness = new PublisherHarness(o => o.FullLoadOnStart = true, new DictionarySnapshotSource(Truth(3)));
        harness.Hubject.Fail = (index, _, _) => index < 2 ? HubjectStoreFake.Rejected("017", ActionType.FullLoad, 3) : null;
        await harness.StartAsync();

        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));

        harness.Hubject.Calls.Should().HaveCount(3).And.OnlyContain(call => call.Action == ActionType.FullLoad);
        harness.Hubject.Store.Should().HaveCount(3);
    }

    [Fact]
    public void Without_a_snapshot_source_a_fullLoad_request_is_a_programming_error()
    {
        var harness = new PublisherHarness();
        harness.Invoking(h => h.Publisher.TriggerFullLoad()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task Changes_published_while_the_fullLoad_is_in_flight_are_sent_after_it()
    {
        var truth = Truth(10);
        await using var harness = new PublisherHarness(snapshot: new DictionarySnapshotSource(truth));
        var gate = new TaskCompletionSource();
        harness.Hubject.FullLoadGate = gate.Task;
        await harness.StartAsync();

        var fullLoad = harness.Publisher.RequestFullLoadAsync();
        await harness.Hubject.FullLoadStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Publisher.Publish(Evse(4), EvseStatus.Occupied);
        gate.SetResult();
        (await fullLoad).IsSuccess.Should().BeTrue();
        await harness.SettleAsync();

        harness.Hubject.Calls.Select(call => call.Action).Should().Equal(ActionType.FullLoad, ActionType.Update);
        harness.Hubject.Calls[0].Records.Should().Contain(new EvseStatusRecord(Evse(4), EvseStatus.Available));
        harness.Hubject.Store[Evse(4)].Should().Be(EvseStatus.Occupied);
        harness.Hubject.MaxConcurrency.Should().Be(1);
    }

    [Fact]
    public async Task A_snapshot_older_than_a_published_change_does_not_have_the_last_word()
    {
        var truth = Truth(5);
        await using var harness = new PublisherHarness(snapshot: new DictionarySnapshotSource(truth));
        await harness.StartAsync();
        harness.Publisher.Publish(Evse(2), EvseStatus.Occupied);
        await harness.SettleAsync();

        (await harness.Publisher.RequestFullLoadAsync()).IsSuccess.Should().BeTrue();
        await harness.SettleAsync();

        harness.Hubject.Calls.Select(call => call.Action).Should().Equal(ActionType.Update, ActionType.FullLoad, ActionType.Update);
        harness.Hubject.Store[Evse(2)].Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public async Task An_empty_snapshot_is_refused_by_default_because_it_would_delete_every_record()
    {
        await using var harness = new PublisherHarness(snapshot: new DictionarySnapshotSource(new Dictionary<EvseId, EvseStatus>()));
        await harness.StartAsync();

        var act = () => harness.Publisher.RequestFullLoadAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*no record*AllowEmptyFullLoad*");
        harness.Hubject.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_snapshot_is_sent_when_explicitly_allowed()
    {
        await using var harness = new PublisherHarness(o => o.AllowEmptyFullLoad = true, new DictionarySnapshotSource(new Dictionary<EvseId, EvseStatus>()));
        await harness.StartAsync();

        (await harness.Publisher.RequestFullLoadAsync()).IsSuccess.Should().BeTrue();

        harness.Hubject.Calls.Should().ContainSingle().Which.Records.Should().BeEmpty();
    }

    [Fact]
    public async Task The_start_up_fullLoad_waits_until_the_snapshot_source_is_ready()
    {
        var source = new GatedSnapshotSource(Truth(3));
        await using var harness = new PublisherHarness(o => o.FullLoadOnStart = true, source);
        await harness.StartAsync();
        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        await harness.SettleAsync();
        harness.Hubject.Calls.Select(call => call.Action).Should().Equal([ActionType.Update], "changes flow while the source is not ready");

        source.Ready.SetResult();
        await harness.Hubject.FullLoadStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await harness.SettleAsync();

        // The snapshot still says Available for EVSE 1; its newer published status follows the fullLoad.
        harness.Hubject.Calls.Select(call => call.Action).Should().Equal(ActionType.Update, ActionType.FullLoad, ActionType.Update);
        harness.Hubject.Store[Evse(1)].Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public void By_default_a_publisher_with_a_snapshot_source_sends_a_fullLoad_at_start_up()
    {
        new EvseStatusPublisherOptions().FullLoadOnStart.Should().BeTrue();
    }

    [Fact]
    public async Task RequestFullLoadAsync_after_the_publisher_stopped_fails_at_once()
    {
        await using var harness = new PublisherHarness(snapshot: new DictionarySnapshotSource(Truth(3)));
        await harness.StartAsync();
        await harness.Publisher.StopAsync();

        var act = () => harness.Publisher.RequestFullLoadAsync().WaitAsync(TimeSpan.FromSeconds(30));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*stopped*");
    }

    [Fact]
    public async Task TriggerFullLoad_leaves_no_unobserved_task_when_the_snapshot_fails()
    {
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, _) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += handler;
        try
        {
            await using (var harness = new PublisherHarness(snapshot: new FailingSnapshotSource()))
            {
                await harness.StartAsync();
                harness.Publisher.TriggerFullLoad();
                await harness.SettleAsync();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= handler;
        }

        unobserved.Should().Be(0);
    }

    [Fact]
    public async Task The_daily_fullLoad_runs_at_the_local_time_of_day_within_the_jitter()
    {
        // 12:00 UTC on 15 January is 13:00 in Berlin (UTC+1); 03:00 Berlin is 02:00 UTC the next day.
        var start = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
        var expected = new DateTimeOffset(2026, 1, 16, 2, 0, 0, TimeSpan.Zero);
        await using var harness = new PublisherHarness(
            o => { o.DailyFullLoadTime = TimeSpan.FromHours(3); o.FullLoadTimeZoneId = "Europe/Berlin"; o.FullLoadJitter = TimeSpan.FromMinutes(10); },
            new DictionarySnapshotSource(Truth(3)),
            start);
        await harness.StartAsync();

        var due = harness.Publisher.NextFullLoad!.Value;
        due.Should().BeOnOrAfter(expected).And.BeBefore(expected.AddMinutes(10));
        harness.Time.Advance(due - start - TimeSpan.FromSeconds(1));
        await harness.SettleAsync();
        harness.Hubject.Calls.Should().BeEmpty();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(2));

        harness.Hubject.Calls.Should().ContainSingle().Which.Action.Should().Be(ActionType.FullLoad);
        harness.Publisher.NextFullLoad!.Value.Should().BeOnOrAfter(expected.AddDays(1)).And.BeBefore(expected.AddDays(1).AddMinutes(10));
    }

    [Theory]
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")] // the night clocks go forward: 03:00 is already summer time
    [InlineData("2026-07-01T00:30:00Z", "2026-07-01T01:00:00Z")]
    [InlineData("2026-07-01T01:00:00Z", "2026-07-02T01:00:00Z")] // exactly at the time: the next day
    public void Schedule_follows_the_time_zone_including_daylight_saving(string now, string expected)
    {
        var next = FullLoadSchedule.Next(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(3), Berlin, TimeSpan.Zero, new Random(1));

        next.UtcDateTime.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
    }

    [Fact]
    public void Schedule_lands_in_the_gap_hour_on_the_first_valid_minute()
    {
        var next = FullLoadSchedule.Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2.5), Berlin, TimeSpan.Zero, new Random(1));

        next.UtcDateTime.Should().Be(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Jitter_stays_within_its_bounds_and_spreads()
    {
        var now = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
        var baseline = new DateTimeOffset(2026, 1, 16, 2, 0, 0, TimeSpan.Zero);
        var random = new Random(42);
        var offsets = Enumerable.Range(0, 1000)
            .Select(_ => FullLoadSchedule.Next(now, TimeSpan.FromHours(3), Berlin, TimeSpan.FromMinutes(15), random) - baseline)
            .ToArray();

        offsets.Should().OnlyContain(offset => offset >= TimeSpan.Zero && offset < TimeSpan.FromMinutes(15));
        offsets.Max().Should().BeGreaterThan(TimeSpan.FromMinutes(14));
        offsets.Min().Should().BeLessThan(TimeSpan.FromMinutes(1));
    }
}

/// <summary>A snapshot source that is not ready until the test says so.</summary>
internal sealed class GatedSnapshotSource(IDictionary<EvseId, EvseStatus> truth) : IEvseStatusSnapshotSource
{
    private readonly DictionarySnapshotSource _inner = new(truth);

    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync(CancellationToken cancellationToken) => _inner.GetSnapshotAsync(cancellationToken);

    public ValueTask WaitUntilReadyAsync(CancellationToken cancellationToken) => new(Ready.Task.WaitAsync(cancellationToken));
}

/// <summary>A snapshot source whose every read fails.</summary>
internal sealed class FailingSnapshotSource : IEvseStatusSnapshotSource
{
    public async IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new IOException("the store is down");
#pragma warning disable CS0162 // Unreachable: an iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }
}
