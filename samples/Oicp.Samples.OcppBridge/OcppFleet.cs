using Oicp.Client;
using Oicp.Client.Mapping;

namespace Oicp.Samples.OcppBridge;

/// <summary>
/// A simulated fleet of OCPP 1.6 charge points with two connectors each, one OICP EVSE per connector. It plays
/// what a central system receives: charging sessions as StatusNotifications (Preparing, Charging, SuspendedEV,
/// Finishing, Available), reservations, connector faults, connector 0 faults of a whole charge point, lost
/// connections and reconnect storms, and feeds every message to an <see cref="EvseStatusTracker"/>.
/// Time-agnostic and seeded: the caller decides how many messages make a tick.
/// </summary>
public sealed class OcppFleet
{
    public const int ConnectorsPerChargePoint = 2;

    private readonly Random _random;
    private readonly string[] _chargePointIds;
    private readonly Ocpp16ChargePointStatus[] _connectors;
    private readonly int[] _offlineTicks;
    private readonly bool[] _connector0Faulted;
    private readonly EvseId[] _evseIds;

    public OcppFleet(OperatorId operatorId, int chargePointCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chargePointCount, 1);
        _random = new Random(seed);
        _chargePointIds = new string[chargePointCount];
        _connectors = new Ocpp16ChargePointStatus[chargePointCount * ConnectorsPerChargePoint];
        _offlineTicks = new int[chargePointCount];
        _connector0Faulted = new bool[chargePointCount];
        _evseIds = new EvseId[_connectors.Length];
        for (var cp = 0; cp < chargePointCount; cp++)
        {
            _chargePointIds[cp] = $"CP-{cp + 1:0000}";
            for (var c = 0; c < ConnectorsPerChargePoint; c++)
            {
                _evseIds[Index(cp, c + 1)] = EvseId.Parse($"{operatorId}*E{cp + 1:0000}*{c + 1}");
            }
        }
    }

    /// <summary>Gets every EVSE of the fleet.</summary>
    public IReadOnlyList<EvseId> EvseIds => _evseIds;

    /// <summary>Gets the number of OCPP messages (StatusNotifications, connects and disconnects) played so far.</summary>
    public long Messages { get; private set; }

    /// <summary>Gets the number of charge points currently offline.</summary>
    public int OfflineCount => _offlineTicks.Count(ticks => ticks > 0);

    /// <summary>Declares the topology to the tracker: connector N of CP-x feeds EVSE <c>{operator}*Ex*N</c>.</summary>
    public void Declare(EvseStatusTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        for (var cp = 0; cp < _chargePointIds.Length; cp++)
        {
            for (var c = 1; c <= ConnectorsPerChargePoint; c++)
            {
                tracker.AddConnector(_chargePointIds[cp], c, _evseIds[Index(cp, c)]);
            }
        }
    }

    /// <summary>Every charge point boots: a StatusNotification per connector (mostly Available).</summary>
    public void Boot(EvseStatusTracker tracker, ICollection<EvseStatusChange> changes)
    {
        for (var cp = 0; cp < _chargePointIds.Length; cp++)
        {
            Reconnect(tracker, cp, changes);
        }
    }

    /// <summary>Plays <paramref name="messages"/> random OCPP events, then ages the offline episodes by one tick.</summary>
    public void Tick(EvseStatusTracker tracker, int messages, ICollection<EvseStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        for (var i = 0; i < messages; i++)
        {
            PlayOne(tracker, changes);
        }

        Age(tracker, changes);
    }

    /// <summary>
    /// Plays random OCPP events until they have caused <paramref name="wanted"/> EVSE status changes (events that change
    /// no OICP status, like Charging after Preparing, do not count), then ages the offline episodes by one tick.
    /// </summary>
    public void TickChanges(EvseStatusTracker tracker, int wanted, ICollection<EvseStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(changes);
        var target = changes.Count + wanted;
        while (changes.Count < target)
        {
            PlayOne(tracker, changes);
        }

        Age(tracker, changes);
    }

    private void PlayOne(EvseStatusTracker tracker, ICollection<EvseStatusChange> changes)
    {
        var cp = _random.Next(_chargePointIds.Length);
        if (_offlineTicks[cp] > 0)
        {
            return;
        }

        var roll = _random.Next(1000);
        if (roll < 4)
        {
            // The WebSocket drops; the charger stays away for a few ticks.
            _offlineTicks[cp] = _random.Next(5, 30);
            Send(tracker, cp, online: false, changes);
        }
        else if (roll < 10)
        {
            // Connector 0 speaks for the whole charge point: Faulted takes every EVSE of it out of service.
            _connector0Faulted[cp] = !_connector0Faulted[cp];
            Send(tracker, cp, 0, _connector0Faulted[cp] ? Ocpp16ChargePointStatus.Faulted : Ocpp16ChargePointStatus.Available, changes);
        }
        else
        {
            var connector = 1 + _random.Next(ConnectorsPerChargePoint);
            Send(tracker, cp, connector, NextStatus(_connectors[Index(cp, connector)]), changes);
        }
    }

    private void Age(EvseStatusTracker tracker, ICollection<EvseStatusChange> changes)
    {
        for (var cp = 0; cp < _offlineTicks.Length; cp++)
        {
            if (_offlineTicks[cp] > 0 && --_offlineTicks[cp] == 0)
            {
                Reconnect(tracker, cp, changes);
            }
        }
    }

    /// <summary>A share of the fleet loses the connection at once, as when a site router or the central system restarts.</summary>
    public void Outage(EvseStatusTracker tracker, double share, int ticks, ICollection<EvseStatusChange> changes)
    {
        for (var cp = 0; cp < _chargePointIds.Length; cp++)
        {
            if (_offlineTicks[cp] == 0 && _random.NextDouble() < share)
            {
                _offlineTicks[cp] = ticks;
                Send(tracker, cp, online: false, changes);
            }
        }
    }

    private void Reconnect(EvseStatusTracker tracker, int cp, ICollection<EvseStatusChange> changes)
    {
        Send(tracker, cp, online: true, changes);
        _connector0Faulted[cp] = false;
        Send(tracker, cp, 0, Ocpp16ChargePointStatus.Available, changes);
        for (var c = 1; c <= ConnectorsPerChargePoint; c++)
        {
            // After a reconnect a charger reports every connector; a session may have ended meanwhile.
            var status = _random.Next(10) switch
            {
                < 6 => Ocpp16ChargePointStatus.Available,
                < 9 => Ocpp16ChargePointStatus.Charging,
                _ => Ocpp16ChargePointStatus.Faulted,
            };
            Send(tracker, cp, c, status, changes);
        }
    }

    private Ocpp16ChargePointStatus NextStatus(Ocpp16ChargePointStatus current) => current switch
    {
        Ocpp16ChargePointStatus.Available => _random.Next(20) switch
        {
            0 => Ocpp16ChargePointStatus.Reserved,
            1 => Ocpp16ChargePointStatus.Faulted,
            2 => Ocpp16ChargePointStatus.Unavailable,
            _ => Ocpp16ChargePointStatus.Preparing,
        },
        Ocpp16ChargePointStatus.Preparing => _random.Next(5) == 0 ? Ocpp16ChargePointStatus.Available : Ocpp16ChargePointStatus.Charging,
        Ocpp16ChargePointStatus.Charging => _random.Next(3) == 0 ? Ocpp16ChargePointStatus.SuspendedEV : Ocpp16ChargePointStatus.Finishing,
        Ocpp16ChargePointStatus.SuspendedEV => _random.Next(2) == 0 ? Ocpp16ChargePointStatus.Charging : Ocpp16ChargePointStatus.Finishing,
        Ocpp16ChargePointStatus.SuspendedEvse => Ocpp16ChargePointStatus.Charging,
        Ocpp16ChargePointStatus.Finishing => Ocpp16ChargePointStatus.Available,
        Ocpp16ChargePointStatus.Reserved => _random.Next(2) == 0 ? Ocpp16ChargePointStatus.Preparing : Ocpp16ChargePointStatus.Available,
        _ => Ocpp16ChargePointStatus.Available,
    };

    private void Send(EvseStatusTracker tracker, int cp, int connector, Ocpp16ChargePointStatus status, ICollection<EvseStatusChange> changes)
    {
        Messages++;
        if (connector > 0)
        {
            _connectors[Index(cp, connector)] = status;
        }

        tracker.UpdateOcpp16(_chargePointIds[cp], connector, status, changes);
    }

    private void Send(EvseStatusTracker tracker, int cp, bool online, ICollection<EvseStatusChange> changes)
    {
        Messages++;
        tracker.SetOnline(_chargePointIds[cp], online, changes);
    }

    private static int Index(int cp, int connector) => (cp * ConnectorsPerChargePoint) + connector - 1;
}
