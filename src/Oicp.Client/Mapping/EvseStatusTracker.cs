using System.Runtime.InteropServices;
using Oicp.Client.Mapping.Internal;

namespace Oicp.Client.Mapping;

/// <summary>
/// Turns connector-level status events from chargers into OICP status changes per EVSE, reporting a change
/// only when the aggregated status of an EVSE differs from the one last reported (so <c>Preparing</c>,
/// <c>Charging</c> and <c>SuspendedEV</c> in a row make one <see cref="EvseStatus.Occupied"/>). Thread-safe.
/// </summary>
/// <remarks>
/// <para>First declare the topology with <see cref="AddConnector(string, int, EvseId)"/> (OCPP 1.6 numbering),
/// <see cref="AddConnector(string, int, int, EvseId)"/> (OCPP 2.0.1 EVSE and connector numbering) or
/// <see cref="AddOcpiEvse"/>; several sources may share one EVSE. Then feed events. Every EVSE starts as
/// <see cref="EvseStatus.Unknown"/> without a change being reported.</para>
/// <para>The status of an EVSE is, first match wins: <see cref="EvseStatusMapper.OfflineStatus"/> while its charger is
/// offline; <see cref="EvseStatus.OutOfService"/> while OCPP 1.6 connector 0 of its charger maps to OutOfService
/// (<c>Unavailable</c> or <c>Faulted</c> by default); otherwise <see cref="EvseStatusAggregation.Aggregate"/> over its
/// connectors. Going offline keeps the connector statuses, so they count again once the charger is back, until it reports new ones.</para>
/// <para>Events for connectors or chargers that were not declared are ignored: chargers often have connectors the
/// operator does not publish to Hubject. Unchanged events do not allocate.</para>
/// </remarks>
public sealed class EvseStatusTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<ConnectorKey, (TrackedEvse Evse, int Slot)> _sources = [];
    private readonly Dictionary<string, TrackedChargePoint> _chargePoints = new(StringComparer.Ordinal);
    private readonly Dictionary<EvseId, TrackedEvse> _evses = [];
    private int _unheard;
    private TaskCompletionSource? _allHeard;

    /// <summary>Initializes a new instance of the <see cref="EvseStatusTracker"/> class with the default mapping.</summary>
    public EvseStatusTracker()
        : this(EvseStatusMapper.Default)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvseStatusTracker"/> class.</summary>
    /// <param name="mapper">The mapping from source statuses to OICP statuses.</param>
    /// <exception cref="ArgumentNullException"><paramref name="mapper"/> is <see langword="null"/>.</exception>
    public EvseStatusTracker(EvseStatusMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        Mapper = mapper;
    }

    /// <summary>Gets the mapping in use.</summary>
    public EvseStatusMapper Mapper { get; }

    /// <summary>
    /// Gets how many declared EVSEs no source has reported a status for since they were declared (a connector event, or
    /// OCPP 1.6 connector 0 of their charger). Right after a start these EVSEs are <see cref="EvseStatus.Unknown"/> only
    /// because nothing was heard yet; see <c>TrackerSnapshotSource</c> (package Oicp.Client.Hosting).
    /// </summary>
    public int UnheardEvseCount => Volatile.Read(ref _unheard);

    /// <summary>Declares that an OCPP 1.6 connector belongs to an EVSE.</summary>
    /// <param name="chargePointId">The charge point identity (as in the OCPP connection URL).</param>
    /// <param name="connectorId">The connector id, 1 or more (0 is the charge point itself).</param>
    /// <param name="evseId">The OICP EVSE the connector belongs to.</param>
    /// <exception cref="ArgumentException">An argument is empty, the connector is already declared, or the EVSE is fed by another charger.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="connectorId"/> is less than 1.</exception>
    public void AddConnector(string chargePointId, int connectorId, EvseId evseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(chargePointId);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectorId, 1);
        Add(new ConnectorKey(chargePointId, 0, connectorId, null), evseId);
    }

    /// <summary>Declares that an OCPP 2.0.1 connector belongs to an EVSE.</summary>
    /// <param name="chargePointId">The charging station identity.</param>
    /// <param name="ocppEvseId">The OCPP 2.0.1 EVSE id, 1 or more.</param>
    /// <param name="connectorId">The connector id within that OCPP EVSE, 1 or more.</param>
    /// <param name="evseId">The OICP EVSE the connector belongs to.</param>
    /// <exception cref="ArgumentException">An argument is empty, the connector is already declared, or the EVSE is fed by another charger.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ocppEvseId"/> or <paramref name="connectorId"/> is less than 1.</exception>
    public void AddConnector(string chargePointId, int ocppEvseId, int connectorId, EvseId evseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(chargePointId);
        ArgumentOutOfRangeException.ThrowIfLessThan(ocppEvseId, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectorId, 1);
        Add(new ConnectorKey(chargePointId, ocppEvseId, connectorId, null), evseId);
    }

    /// <summary>Declares that an OCPI EVSE feeds an OICP EVSE.</summary>
    /// <param name="evseUid">The OCPI EVSE <c>uid</c>.</param>
    /// <param name="evseId">The OICP EVSE.</param>
    /// <exception cref="ArgumentException">An argument is empty, the OCPI EVSE is already declared, or the EVSE is fed by a charger.</exception>
    public void AddOcpiEvse(string evseUid, EvseId evseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(evseUid);
        Add(new ConnectorKey(null, 0, 0, evseUid), evseId);
    }

    /// <summary>
    /// Feeds an OCPP 1.6 <c>StatusNotification</c>. Connector 0 speaks for the whole charge point: while it maps to
    /// <see cref="EvseStatus.OutOfService"/> every EVSE of the charge point is OutOfService.
    /// </summary>
    /// <param name="chargePointId">The charge point identity.</param>
    /// <param name="connectorId">The connector id; 0 for the charge point.</param>
    /// <param name="status">The reported status.</param>
    /// <param name="changes">Receives the EVSE status changes this event causes.</param>
    /// <returns><see langword="true"/> when at least one change was added to <paramref name="changes"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="connectorId"/> is negative or <paramref name="status"/> is not defined.</exception>
    public bool UpdateOcpp16(string chargePointId, int connectorId, Ocpp16ChargePointStatus status, ICollection<EvseStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(chargePointId);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentOutOfRangeException.ThrowIfNegative(connectorId);
        var mapped = Mapper.Map(status);
        if (connectorId != 0)
        {
            return Update(new ConnectorKey(chargePointId, 0, connectorId, null), mapped, changes);
        }

        lock (_gate)
        {
            if (!_chargePoints.TryGetValue(chargePointId, out var chargePoint))
            {
                return false;
            }

            foreach (var evse in chargePoint.Evses)
            {
                Heard(evse);
            }

            if (chargePoint.Connector0OutOfService == (mapped == EvseStatus.OutOfService))
            {
                return false;
            }

            chargePoint.Connector0OutOfService = mapped == EvseStatus.OutOfService;
            return RefreshAll(chargePoint, changes);
        }
    }

    /// <summary>Feeds an OCPP 2.0.1 <c>StatusNotification</c>.</summary>
    /// <param name="chargePointId">The charging station identity.</param>
    /// <param name="ocppEvseId">The OCPP 2.0.1 EVSE id.</param>
    /// <param name="connectorId">The connector id within that OCPP EVSE.</param>
    /// <param name="status">The reported status.</param>
    /// <param name="changes">Receives the EVSE status change this event causes.</param>
    /// <returns><see langword="true"/> when a change was added to <paramref name="changes"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not defined.</exception>
    public bool UpdateOcpp201(string chargePointId, int ocppEvseId, int connectorId, Ocpp201ConnectorStatus status, ICollection<EvseStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(chargePointId);
        ArgumentNullException.ThrowIfNull(changes);
        return Update(new ConnectorKey(chargePointId, ocppEvseId, connectorId, null), Mapper.Map(status), changes);
    }

    /// <summary>
    /// Feeds an OCPI EVSE status. <c>PLANNED</c> and <c>REMOVED</c> change nothing in the tracker: the returned
    /// result says so, and the caller decides what to do with the EVSE (leave it out, delete its record).
    /// </summary>
    /// <param name="evseUid">The OCPI EVSE <c>uid</c>.</param>
    /// <param name="status">The reported status.</param>
    /// <param name="changes">Receives the EVSE status change this event causes.</param>
    /// <returns>The OICP reading of <paramref name="status"/>; check <see cref="OcpiMappingResult.IsLive"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not defined.</exception>
    public OcpiMappingResult UpdateOcpi(string evseUid, OcpiEvseStatus status, ICollection<EvseStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(evseUid);
        ArgumentNullException.ThrowIfNull(changes);
        var result = Mapper.Map(status);
        if (result.TryGetStatus(out var mapped))
        {
            Update(new ConnectorKey(null, 0, 0, evseUid), mapped, changes);
        }

        return result;
    }

    /// <summary>
    /// Records that a charger connected or lost its connection. While it is offline every EVSE of it has the
    /// status <see cref="EvseStatusMapper.OfflineStatus"/>.
    /// </summary>
    /// <param name="chargePointId">The charge point identity.</param>
    /// <param name="online"><see langword="true"/> when connected, <see langword="false"/> when the connection is lost.</param>
    /// <param name="changes">Receives the EVSE status changes this event causes.</param>
    /// <returns><see langword="true"/> when at least one change was added to <paramref name="changes"/>.</returns>
    public bool SetOnline(string chargePointId, bool online, ICollection<EvseStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(chargePointId);
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            if (!_chargePoints.TryGetValue(chargePointId, out var chargePoint) || chargePoint.Offline != online)
            {
                return false;
            }

            chargePoint.Offline = !online;
            return RefreshAll(chargePoint, changes);
        }
    }

    /// <summary>Gets the current status of one EVSE.</summary>
    /// <param name="evseId">The EVSE.</param>
    /// <param name="status">Its status, when declared.</param>
    /// <returns><see langword="true"/> when the EVSE is declared.</returns>
    public bool TryGetStatus(EvseId evseId, out EvseStatus status)
    {
        lock (_gate)
        {
            var found = _evses.TryGetValue(evseId, out var evse);
            status = found ? evse!.Reported : EvseStatus.Unknown;
            return found;
        }
    }

    /// <summary>Returns the current status of every declared EVSE, ordered by EvseID: the records of a daily fullLoad.</summary>
    /// <returns>A copy that later events do not change.</returns>
    public IReadOnlyList<EvseStatusRecord> GetSnapshot()
    {
        lock (_gate)
        {
            var records = _evses.Values.Select(static evse => new EvseStatusRecord(evse.EvseId, evse.Reported)).ToArray();
            Array.Sort(records, static (a, b) => a.EvseId.CompareTo(b.EvseId));
            return records;
        }
    }

    private void Add(ConnectorKey key, EvseId evseId)
    {
        if (evseId.IsEmpty)
        {
            throw new ArgumentException("The EvseId must not be the default (empty) value.", nameof(evseId));
        }

        lock (_gate)
        {
            if (_sources.ContainsKey(key))
            {
                throw new ArgumentException($"{Describe(key)} is already declared.", nameof(key));
            }

            var chargePoint = key.Station is null ? null : CollectionsMarshal.GetValueRefOrAddDefault(_chargePoints, key.Station, out _) ??= new TrackedChargePoint();
            if (_evses.TryGetValue(evseId, out var evse) && evse.ChargePoint != chargePoint)
            {
                throw new ArgumentException(
                    $"EVSE {evseId} is already fed by another charger or by OCPI; connector 0 and offline events must reach all of an EVSE's connectors, so they cannot be mixed.",
                    nameof(evseId));
            }

            if (evse is null)
            {
                evse = new TrackedEvse(evseId, chargePoint);
                _evses.Add(evseId, evse);
                if (_unheard++ == 0)
                {
                    _allHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                chargePoint?.Evses.Add(evse);
            }

            _sources.Add(key, (evse, evse.AddConnector()));
        }
    }

    private bool Update(ConnectorKey key, EvseStatus mapped, ICollection<EvseStatusChange> changes)
    {
        lock (_gate)
        {
            if (!_sources.TryGetValue(key, out var source))
            {
                return false;
            }

            Heard(source.Evse);
            return source.Evse.SetConnector(source.Slot, mapped) && source.Evse.Refresh(Mapper.OfflineStatus, changes);
        }
    }

    /// <summary>Completes once every declared EVSE has been heard from (see <see cref="UnheardEvseCount"/>).</summary>
    internal Task WhenAllHeard()
    {
        lock (_gate)
        {
            return _allHeard?.Task ?? Task.CompletedTask;
        }
    }

    // Under the lock.
    private void Heard(TrackedEvse evse)
    {
        if (!evse.Heard)
        {
            evse.Heard = true;
            if (--_unheard == 0)
            {
                _allHeard!.TrySetResult();
            }
        }
    }

    private bool RefreshAll(TrackedChargePoint chargePoint, ICollection<EvseStatusChange> changes)
    {
        var changed = false;
        foreach (var evse in chargePoint.Evses)
        {
            changed |= evse.Refresh(Mapper.OfflineStatus, changes);
        }

        return changed;
    }

    private static string Describe(ConnectorKey key) => key.Station is null
        ? $"OCPI EVSE '{key.OcpiUid}'"
        : key.OcppEvseId == 0
            ? $"Connector {key.ConnectorId} of charge point '{key.Station}'"
            : $"Connector {key.ConnectorId} of EVSE {key.OcppEvseId} of charging station '{key.Station}'";
}
