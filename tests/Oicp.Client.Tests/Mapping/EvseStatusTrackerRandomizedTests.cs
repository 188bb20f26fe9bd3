using Oicp.Client.Mapping;

namespace Oicp.Client.Tests.Mapping;

/// <summary>
/// Drives the tracker with thousands of random events and checks each answer against a naive model that
/// recomputes every EVSE from scratch: a change is reported exactly when an aggregated status differs
/// from the one last reported.
/// </summary>
public sealed class EvseStatusTrackerRandomizedTests
{
    private const int Events = 20_000;

    // (station, OCPP EVSE id, connector id, OICP EVSE); station null for OCPI, OCPP EVSE id 0 for OCPP 1.6.
    private static readonly (string? Station, int OcppEvse, int Connector, string? Uid, string Evse)[] Topology =
    [
        ("CP1", 0, 1, null, "DE*ABC*E1"),
        ("CP1", 0, 2, null, "DE*ABC*E2"),
        ("CP2", 0, 1, null, "DE*ABC*E3"),
        ("CP2", 0, 2, null, "DE*ABC*E3"),
        ("CP2", 0, 3, null, "DE*ABC*E3"),
        ("CP2", 0, 4, null, "DE*ABC*E4"),
        ("CS1", 1, 1, null, "DE*ABC*E5"),
        ("CS1", 1, 2, null, "DE*ABC*E5"),
        ("CS1", 2, 1, null, "DE*ABC*E6"),
        (null, 0, 0, "uid-1", "DE*ABC*E7"),
        (null, 0, 0, "uid-2", "DE*ABC*E8"),
        (null, 0, 0, "uid-3", "DE*ABC*E8"),
    ];

    [Theory]
    [InlineData(20260101)]
    [InlineData(42)]
    public void Tracker_reports_a_change_exactly_when_the_aggregated_status_differs_from_the_last_reported(int seed)
    {
        var random = new Random(seed);
        var mapper = EvseStatusMapper.Default;
        var tracker = new EvseStatusTracker(mapper);
        var model = new NaiveModel(mapper.OfflineStatus);
        foreach (var source in Topology)
        {
            var evse = EvseId.Parse(source.Evse);
            if (source.Uid is not null)
            {
                tracker.AddOcpiEvse(source.Uid, evse);
            }
            else if (source.OcppEvse == 0)
            {
                tracker.AddConnector(source.Station!, source.Connector, evse);
            }
            else
            {
                tracker.AddConnector(source.Station!, source.OcppEvse, source.Connector, evse);
            }

            model.Declare(source.Station, source.OcppEvse, source.Connector, source.Uid, evse);
        }

        var changes = new List<EvseStatusChange>();
        var reportedAny = 0;
        for (var i = 0; i < Events; i++)
        {
            changes.Clear();
            ApplyRandomEvent(random, mapper, tracker, model, changes);

            var expected = model.TakeChanges();
            changes.Should().BeEquivalentTo(expected, $"event {i} (seed {seed})");
            changes.Select(c => c.EvseId).Should().OnlyHaveUniqueItems();
            reportedAny += changes.Count;
        }

        tracker.GetSnapshot().Should().BeEquivalentTo(model.Snapshot());
        reportedAny.Should().BeGreaterThan(Events / 10, "the random walk must exercise changes, not only duplicates");
    }

    private static void ApplyRandomEvent(Random random, EvseStatusMapper mapper, EvseStatusTracker tracker, NaiveModel model, List<EvseStatusChange> changes)
    {
        switch (random.Next(10))
        {
            case < 5:
            {
                var station = random.Next(2) == 0 ? "CP1" : "CP2";
                var connector = random.Next(0, 6); // 0 is the charge point, 5 is never declared
                var status = (Ocpp16ChargePointStatus)random.Next(9);
                tracker.UpdateOcpp16(station, connector, status, changes);
                if (connector == 0)
                {
                    model.SetConnector0(station, mapper.Map(status) == EvseStatus.OutOfService);
                }
                else
                {
                    model.SetConnector(station, 0, connector, null, mapper.Map(status));
                }

                break;
            }

            case < 7:
            {
                var ocppEvse = random.Next(1, 4);
                var connector = random.Next(1, 3);
                var status = (Ocpp201ConnectorStatus)random.Next(5);
                tracker.UpdateOcpp201("CS1", ocppEvse, connector, status, changes);
                model.SetConnector("CS1", ocppEvse, connector, null, mapper.Map(status));
                break;
            }

            case < 9:
            {
                var uid = $"uid-{random.Next(1, 5)}";
                var status = (OcpiEvseStatus)random.Next(9);
                var result = tracker.UpdateOcpi(uid, status, changes);
                result.Should().BeSameAs(mapper.Map(status));
                if (result.TryGetStatus(out var mapped))
                {
                    model.SetConnector(null, 0, 0, uid, mapped);
                }

                break;
            }

            default:
            {
                var station = new[] { "CP1", "CP2", "CS1", "CP9" }[random.Next(4)];
                var online = random.Next(2) == 0;
                tracker.SetOnline(station, online, changes);
                model.SetOffline(station, !online);
                break;
            }
        }
    }

    /// <summary>Recomputes every EVSE from every connector after each event, with no shortcuts.</summary>
    private sealed class NaiveModel(EvseStatus offlineStatus)
    {
        private readonly Dictionary<(string?, int, int, string?), (EvseId Evse, EvseStatus Status)> _connectors = [];
        private readonly Dictionary<EvseId, string?> _stationOf = [];
        private readonly Dictionary<EvseId, EvseStatus> _reported = [];
        private readonly HashSet<string> _offline = [];
        private readonly HashSet<string> _connector0Down = [];

        public void Declare(string? station, int ocppEvse, int connector, string? uid, EvseId evse)
        {
            _connectors[(station, ocppEvse, connector, uid)] = (evse, EvseStatus.Unknown);
            _stationOf[evse] = station;
            _reported[evse] = EvseStatus.Unknown;
        }

        public void SetConnector(string? station, int ocppEvse, int connector, string? uid, EvseStatus status)
        {
            if (_connectors.TryGetValue((station, ocppEvse, connector, uid), out var entry))
            {
                _connectors[(station, ocppEvse, connector, uid)] = (entry.Evse, status);
            }
        }

        public void SetConnector0(string station, bool down) => Toggle(_connector0Down, station, down);

        public void SetOffline(string station, bool offline) => Toggle(_offline, station, offline);

        public List<EvseStatusChange> TakeChanges()
        {
            var changes = new List<EvseStatusChange>();
            foreach (var evse in _reported.Keys.ToList())
            {
                var status = Compute(evse);
                if (status != _reported[evse])
                {
                    _reported[evse] = status;
                    changes.Add(new EvseStatusChange(evse, status));
                }
            }

            return changes;
        }

        public List<EvseStatusRecord> Snapshot() => _reported.Select(p => new EvseStatusRecord(p.Key, p.Value)).ToList();

        private static void Toggle(HashSet<string> set, string station, bool on)
        {
            if (on)
            {
                set.Add(station);
            }
            else
            {
                set.Remove(station);
            }
        }

        private EvseStatus Compute(EvseId evse)
        {
            var station = _stationOf[evse];
            if (station is not null && _offline.Contains(station))
            {
                return offlineStatus;
            }

            if (station is not null && _connector0Down.Contains(station))
            {
                return EvseStatus.OutOfService;
            }

            var statuses = _connectors.Values.Where(c => c.Evse == evse).Select(c => c.Status).ToList();
            return statuses.Contains(EvseStatus.Occupied) ? EvseStatus.Occupied
                : statuses.Contains(EvseStatus.Reserved) ? EvseStatus.Reserved
                : statuses.Contains(EvseStatus.Available) ? EvseStatus.Available
                : statuses.Count > 0 && statuses.All(s => s == EvseStatus.OutOfService) ? EvseStatus.OutOfService
                : EvseStatus.Unknown;
        }
    }
}
