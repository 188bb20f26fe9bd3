using System.Text;
using Oicp.Client.Testing.Internal;

namespace Oicp.Client.Testing;

/// <summary>
/// An in-memory model of Hubject's eRoamingPushEvseStatus (OICP 2.3): a status store per registered
/// operator that applies fullLoad, insert, update and delete as Hubject does, keeps a version per
/// successful push, answers with Hubject's acknowledgements, codes and HTTP statuses, watches the
/// protocol rules (sequential pushes, rate limit) and plays scripted faults.
/// </summary>
/// <remarks>
/// Reach it in process through <see cref="CreateHandler"/>, or over real HTTP(S) on 127.0.0.1 through
/// <see cref="OicpEmulatorServer.StartAsync"/>; both share one request-processing core.
/// The operation is <c>POST {base}/evsepush/v21/operators/{operatorID}/status-records</c> under any base
/// path; the operatorID may be written with a literal <c>*</c> or percent-encoded (<c>%2A</c>).
/// All members are thread-safe.
/// </remarks>
public sealed class OicpEmulator
{
    private readonly Dictionary<string, OperatorState> _operators = new(StringComparer.Ordinal);
    private readonly HashSet<EvseId> _evseData = [];
    private readonly List<EmulatorRequest> _requests = [];
    private readonly int? _requestLogLimit;
    private readonly long? _maxRequestLogBodyBytes;
    private readonly TimeSpan _roundTripTime;
    private readonly Func<long, TimeSpan>? _roundTripTimeSelector;
    private long _arrivals;
    private long _requestLogBodyBytes;
    private OperatorId? _callerOperatorId;

    /// <summary>Creates an emulator with no operators registered.</summary>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    public OicpEmulator(OicpEmulatorOptions? options = null)
    {
        options ??= new OicpEmulatorOptions();
        if (options.RateLimitPerMinute is <= 0)
        {
            throw new ArgumentException("RateLimitPerMinute must be positive, or null to disable the limit.", nameof(options));
        }

        if (options.HistoryLimit is <= 0)
        {
            throw new ArgumentException("HistoryLimit must be positive, or null to keep every version.", nameof(options));
        }

        if (options.RequestLogLimit is <= 0 || options.MaxRequestLogBodyBytes is <= 0 || options.MaxRequestBodyBytes is <= 0)
        {
            throw new ArgumentException("RequestLogLimit, MaxRequestLogBodyBytes and MaxRequestBodyBytes must be positive, or null for no bound.", nameof(options));
        }

        if (options.RoundTripTime < TimeSpan.Zero)
        {
            throw new ArgumentException($"RoundTripTime must not be negative (it is {options.RoundTripTime}).", nameof(options));
        }

        TimeProvider = options.TimeProvider ?? throw new ArgumentException("TimeProvider must not be null.", nameof(options));
        RateLimitPerMinute = options.RateLimitPerMinute;
        HistoryLimit = options.HistoryLimit;
        _callerOperatorId = options.CallerOperatorId;
        _requestLogLimit = options.RequestLogLimit;
        _maxRequestLogBodyBytes = options.MaxRequestLogBodyBytes;
        MaxRequestBodyBytes = options.MaxRequestBodyBytes;
        _roundTripTime = options.RoundTripTime;
        _roundTripTimeSelector = options.RoundTripTimeSelector;
        Processor = new EmulatorRequestProcessor(this);
    }

    /// <summary>Gets the clock of versions, the request log, the rate limit and delays.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the number of requests one operator may make per minute, or <see langword="null"/> when unlimited.</summary>
    public int? RateLimitPerMinute { get; }

    /// <summary>Gets how many versions are kept per operator, or <see langword="null"/> when all are kept.</summary>
    public int? HistoryLimit { get; }

    /// <summary>
    /// Gets or sets the OperatorID the caller is authenticated as (see <see cref="OicpEmulatorOptions.CallerOperatorId"/>);
    /// change it to test an OperatorID that does not match the certificate.
    /// </summary>
    public OperatorId? CallerOperatorId
    {
        get
        {
            lock (SyncRoot)
            {
                return _callerOperatorId;
            }
        }

        set
        {
            lock (SyncRoot)
            {
                _callerOperatorId = value;
            }
        }
    }

    /// <summary>Gets the scripted answers that replace the normal ones.</summary>
    public EmulatorFaultQueue Faults { get; } = new();

    /// <summary>Gets the counters of protocol-rule violations (overlapping requests, rate limiting).</summary>
    public EmulatorStatistics Statistics { get; } = new();


    /// <summary>
    /// Gets a snapshot of the requests received so far, in arrival order: the newest ones, within
    /// <see cref="OicpEmulatorOptions.RequestLogLimit"/> and <see cref="OicpEmulatorOptions.MaxRequestLogBodyBytes"/>.
    /// </summary>
    public IReadOnlyList<EmulatorRequest> Requests
    {
        get
        {
            lock (SyncRoot)
            {
                return _requests.ToArray();
            }
        }
    }

    internal object SyncRoot { get; } = new();

    /// <summary>Gets the largest request body accepted, in bytes (see <see cref="OicpEmulatorOptions.MaxRequestBodyBytes"/>).</summary>
    internal long? MaxRequestBodyBytes { get; }

    internal EmulatorRequestProcessor Processor { get; }

    /// <summary>
    /// Registers an operator with Hubject's emulated partner directory; requests for an operator that is not
    /// registered are answered HTTP 404 with code 300. Registering an operator again changes nothing but
    /// its sub-operators.
    /// </summary>
    /// <param name="operatorId">The operator (the one linked to the client certificate).</param>
    /// <param name="subOperatorIds">Operators whose EVSEs this hub operator may push besides its own.</param>
    /// <exception cref="ArgumentException">An id is the default (empty) value.</exception>
    public void RegisterOperator(OperatorId operatorId, params OperatorId[] subOperatorIds)
    {
        ArgumentNullException.ThrowIfNull(subOperatorIds);
        RequireNotEmpty(operatorId, nameof(operatorId));
        foreach (var subOperatorId in subOperatorIds)
        {
            RequireNotEmpty(subOperatorId, nameof(subOperatorIds));
        }

        lock (SyncRoot)
        {
            var key = OperatorKey.Of(operatorId);
            var state = new OperatorState(operatorId, subOperatorIds.ToArray());
            if (_operators.TryGetValue(key, out var existing))
            {
                state.Statuses.EnsureCapacity(existing.Statuses.Count);
                foreach (var pair in existing.Statuses)
                {
                    state.Statuses.Add(pair.Key, pair.Value);
                }

                state.CopyHistoryFrom(existing);
            }

            _operators[key] = state;
        }
    }

    /// <summary>
    /// Declares EVSEs that have EVSE data (eRoamingPushEvseData) on the emulated Hubject. Once any EVSE data
    /// is declared, a status for an EVSE without EVSE data is refused with code 603 (Unknown EVSE ID), as
    /// Hubject does; while none is declared, statuses are accepted for any EVSE.
    /// </summary>
    /// <param name="evseIds">The EVSEs.</param>
    public void RegisterEvseData(IEnumerable<EvseId> evseIds)
    {
        ArgumentNullException.ThrowIfNull(evseIds);
        lock (SyncRoot)
        {
            foreach (var evseId in evseIds)
            {
                if (evseId.IsEmpty)
                {
                    throw new ArgumentException("An EvseId must not be the default (empty) value.", nameof(evseIds));
                }

                _evseData.Add(evseId);
            }
        }
    }

    /// <summary>Returns a snapshot of the operator's current EVSE status set.</summary>
    /// <param name="operatorId">A registered operator.</param>
    /// <returns>The statuses by EvseID (upper case, as Hubject stores them).</returns>
    /// <exception cref="ArgumentException">The operator is not registered.</exception>
    public IReadOnlyDictionary<EvseId, EvseStatus> GetStatuses(OperatorId operatorId)
    {
        lock (SyncRoot)
        {
            return new Dictionary<EvseId, EvseStatus>(GetOperator(operatorId).Statuses);
        }
    }

    /// <summary>Returns the versions of the operator's status set, oldest first: one per successful push (the newest <see cref="HistoryLimit"/> of them).</summary>
    /// <param name="operatorId">A registered operator.</param>
    /// <returns>The versions.</returns>
    /// <exception cref="ArgumentException">The operator is not registered.</exception>
    public IReadOnlyList<EmulatorVersion> GetHistory(OperatorId operatorId)
    {
        lock (SyncRoot)
        {
            return GetOperator(operatorId).History.ToArray();
        }
    }

    /// <summary>
    /// Creates an in-process <see cref="HttpMessageHandler"/> that answers as the emulator, without a
    /// network: plug it in with <c>services.AddOicpEvseStatusPusher(...).ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler())</c>
    /// or <c>new HttpClient(emulator.CreateHandler())</c>. Any host and base path are accepted.
    /// </summary>
    /// <returns>A new handler over this emulator.</returns>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpMessageHandler(Processor);

    /// <summary>Numbers a request as it reaches the emulator, before its round trip: 1 for the first.</summary>
    internal long NextRequestNumber() => Interlocked.Increment(ref _arrivals);

    /// <summary>The round-trip time of request <paramref name="number"/>, from the selector when there is one.</summary>
    internal TimeSpan RoundTripTimeOf(long number)
    {
        if (_roundTripTimeSelector is not { } selector)
        {
            return _roundTripTime;
        }

        var chosen = selector(number);
        return chosen >= TimeSpan.Zero
            ? chosen
            : throw new InvalidOperationException($"RoundTripTimeSelector returned {chosen} for request {number}; a round-trip time must not be negative.");
    }

    internal bool TryGetOperator(OperatorId operatorId, out OperatorState state) =>
        _operators.TryGetValue(OperatorKey.Of(operatorId), out state!);

    internal bool HasEvseData(EvseId evseId) => _evseData.Count == 0 || _evseData.Contains(evseId);

    internal void Log(long sequence, DateTimeOffset receivedAt, string path, OperatorId? operatorId, ParsedPush? push, EmulatorReply reply, OicpStatusCode? statusCode, EmulatorFaultKind? fault, ReadOnlySpan<byte> body)
    {
        var text = body.IsEmpty ? string.Empty : Encoding.UTF8.GetString(body);
        lock (SyncRoot)
        {
            var request = new EmulatorRequest(
                sequence,
                receivedAt,
                path,
                operatorId,
                push?.ActionType,
                push?.Records.Count,
                reply.DropConnection ? 0 : reply.Status,
                statusCode,
                fault,
                reply.ProcessId,
                text,
                body.Length);

            // Kept in arrival order: with round-trip times a later request can be answered first.
            var index = _requests.Count;
            while (index > 0 && _requests[index - 1].Sequence > sequence)
            {
                index--;
            }

            _requests.Insert(index, request);
            _requestLogBodyBytes += request.BodyBytes;
            TrimRequestLog();
        }
    }

    /// <summary>Drops the oldest requests beyond the log's bounds; the newest always stays, however large its body.</summary>
    private void TrimRequestLog()
    {
        var drop = 0;
        var bodyBytes = _requestLogBodyBytes;
        while (drop < _requests.Count - 1 &&
            (_requests.Count - drop > _requestLogLimit || bodyBytes > _maxRequestLogBodyBytes))
        {
            bodyBytes -= _requests[drop++].BodyBytes;
        }

        _requests.RemoveRange(0, drop);
        _requestLogBodyBytes = bodyBytes;
    }

    private OperatorState GetOperator(OperatorId operatorId) =>
        TryGetOperator(operatorId, out var state)
            ? state
            : throw new ArgumentException($"Operator '{operatorId}' is not registered with the emulator; call RegisterOperator first.", nameof(operatorId));

    private static void RequireNotEmpty(OperatorId operatorId, string parameterName)
    {
        if (operatorId.IsEmpty)
        {
            throw new ArgumentException("An OperatorId must not be the default (empty) value.", parameterName);
        }
    }
}
