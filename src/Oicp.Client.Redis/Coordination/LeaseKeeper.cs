using Microsoft.Extensions.Logging;

namespace Oicp.Client.Redis;

/// <summary>
/// Keeps this instance's claim on the operator's <see cref="RedisLease"/>: a holder renews it every third of the lease
/// time, anyone else tries to take it as soon as the holder's time runs out. Each term has a token of its own, so the
/// changes a previous term left in flight are reclaimed like a dead instance's. How long the lease lasts is measured from
/// before the command left, on this instance's clock, so the local view never outlives the lease in Redis.
/// </summary>
internal sealed class LeaseKeeper
{
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(1);

    private readonly RedisLease _lease;
    private readonly RedisKeys _keys;
    private readonly TimeSpan _leaseTime;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<string, CancellationToken, Task> _takeOver;
    private readonly Action _changed;
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private volatile Term? _term;
    private string? _candidate;
    private int _terms;
    private bool _failing;
    private bool _reportedForeign;

    /// <param name="lease">The operator's lease in Redis.</param>
    /// <param name="keys">The operator's keys, for log messages.</param>
    /// <param name="leaseTime">How long a lease lasts without renewal.</param>
    /// <param name="timeProvider">The clock of the waits and of the local view of the lease.</param>
    /// <param name="logger">Receives the lease's log messages.</param>
    /// <param name="takeOver">Runs after the lease was taken and before this instance counts as holder (reclaim, probe).</param>
    /// <param name="changed">Called whenever this instance starts or stops holding, and after each renewal.</param>
    public LeaseKeeper(RedisLease lease, RedisKeys keys, TimeSpan leaseTime, TimeProvider timeProvider, ILogger logger, Func<string, CancellationToken, Task> takeOver, Action changed)
    {
        _lease = lease;
        _keys = keys;
        _leaseTime = leaseTime;
        _timeProvider = timeProvider;
        _logger = logger;
        _takeOver = takeOver;
        _changed = changed;
    }

    /// <summary>Gets the token of the current term, or <see langword="null"/> when this instance does not hold the lease.</summary>
    public string? Token => _term?.Token;

    public bool IsHolder => _term is not null;

    /// <summary>Gets how long the current term surely lasts (zero when not holding).</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (_term is not { } term)
            {
                return TimeSpan.Zero;
            }

            var now = _timeProvider.GetTimestamp();
            var until = Volatile.Read(ref term.ValidUntil);
            return now >= until ? TimeSpan.Zero : _timeProvider.GetElapsedTime(now, until);
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                next = _term is { } term ? await RenewAsync(term, stopping).ConfigureAwait(false) : await AcquireAsync(stopping).ConfigureAwait(false);
                _failing = false;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Redis down or answering errors: a holder stops sending once its time runs out; everyone retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                if (!_failing)
                {
                    _failing = true;
                    RedisLog.LeaseFailed(_logger, exception, _keys.OperatorId.ToString(), exception.GetType().Name);
                }

                if (_term is not null && Remaining == TimeSpan.Zero)
                {
                    Lose("the lease ran out while Redis could not be reached");
                }

                next = Min(_leaseTime / 10, LongestRetry);
            }

            try
            {
                await Task.Delay(next, _timeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Deletes the lease if this instance holds it, so another instance takes over at once (clean shutdown).</summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken)
    {
        var token = _term?.Token ?? _candidate;
        _term = null;
        return token is not null && (await _lease.ReleaseAsync(token, cancellationToken).ConfigureAwait(false)).IsOwner;
    }

    private async Task<TimeSpan> RenewAsync(Term term, CancellationToken stopping)
    {
        var asked = _timeProvider.GetTimestamp();
        var state = await _lease.RenewAsync(term.Token, _leaseTime, stopping).ConfigureAwait(false);
        if (!state.IsOwner)
        {
            Lose("another instance holds the lease, or it expired");
            return TimeSpan.Zero;
        }

        Volatile.Write(ref term.ValidUntil, asked + ToTimestamp(_leaseTime));
        _changed();
        return _leaseTime / 3;
    }

    private async Task<TimeSpan> AcquireAsync(CancellationToken stopping)
    {
        // The same candidate token until a term begins: if taking over failed half-way, the lease is still ours.
        var token = _candidate ??= $"{_instance}:{++_terms}";
        var asked = _timeProvider.GetTimestamp();
        var state = await _lease.TryAcquireAsync(token, _leaseTime, stopping).ConfigureAwait(false);
        if (!state.IsOwner)
        {
            if (state.Remaining == Timeout.InfiniteTimeSpan)
            {
                if (!_reportedForeign)
                {
                    _reportedForeign = true;
                    RedisLog.LeaseHeldForever(_logger, _keys.Lease.ToString(), _keys.OperatorId.ToString());
                }

                return _leaseTime / 3;
            }

            // Try again the moment the holder's time runs out (a millisecond after), or sooner to see a release.
            return Min(state.Remaining + TimeSpan.FromMilliseconds(1), _leaseTime / 3);
        }

        _reportedForeign = false;
        await _takeOver(token, stopping).ConfigureAwait(false);
        _candidate = null;
        _term = new Term(token) { ValidUntil = asked + ToTimestamp(state.Remaining) };
        _changed();
        return _leaseTime / 3;
    }

    private void Lose(string reason)
    {
        _term = null;
        RedisLog.LeaseLost(_logger, _keys.OperatorId.ToString(), reason);
        _changed();
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class Term(string token)
    {
        public string Token { get; } = token;

#pragma warning disable SA1401 // Read and written with Volatile, so a field.
        public long ValidUntil;
#pragma warning restore SA1401
    }
}
