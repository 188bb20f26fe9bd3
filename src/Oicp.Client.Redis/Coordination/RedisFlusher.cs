using Microsoft.Extensions.Logging;
using Oicp.Client.Publishing.Internal;
using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// Moves what <c>Publish</c> wrote into this instance's <see cref="EvseBacklog"/> into the shared
/// <see cref="RedisEvseStatusStore"/>, in pipelined batches, and announces it on the operator's channel so the holder
/// wakes. The local backlog keeps the latest status per EVSE, so while Redis is slow or down the changes wait there,
/// bounded by the number of EVSEs, and flow when it answers: a failed batch goes back first in line.
/// </summary>
internal sealed class RedisFlusher
{
    /// <summary>How many changes one flush takes from the local backlog.</summary>
    public const int BatchSize = 4096;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    private readonly EvseBacklog _backlog;
    private readonly RedisEvseStatusStore _store;
    private readonly ISubscriber _subscriber;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RedisMetrics _metrics;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly List<TakenChange> _batch = new(BatchSize);
    private readonly List<(EvseId EvseId, EvseStatus Status)> _changes = new(BatchSize);
    private int _signalled;
    private int _handing;
    private bool _failing;

    public RedisFlusher(EvseBacklog backlog, RedisEvseStatusStore store, ISubscriber subscriber, RedisKeys keys, TimeProvider timeProvider, ILogger logger, RedisMetrics metrics)
    {
        _backlog = backlog;
        _store = store;
        _subscriber = subscriber;
        _keys = keys;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Gets how many changes are on their way to Redis (out of the local backlog, not yet confirmed by Redis).</summary>
    public int Handing => Volatile.Read(ref _handing);

    /// <summary>Gets a value indicating whether the last attempt to reach Redis failed.</summary>
    public bool IsFailing => Volatile.Read(ref _failing);

    /// <summary>Wakes the flusher; allocation-free, called by <c>Publish</c> when the local backlog stops being empty.</summary>
    public void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Flushes whenever signalled, until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var retry = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(stopping).ConfigureAwait(false);
                Volatile.Write(ref _signalled, 0);
                while (_backlog.Count > 0)
                {
                    await FlushOnceAsync(stopping).ConfigureAwait(false);
                    retry = FirstRetry;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any Redis failure: the changes are back in memory and are tried again.
            catch (Exception)
#pragma warning restore CA1031
            {
                try
                {
                    await Task.Delay(retry, _timeProvider, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = retry * 2 > LastRetry ? LastRetry : retry * 2;
                Signal();
            }
        }
    }

    /// <summary>Hands everything still in memory to Redis (at stop); returns what could not be handed over.</summary>
    public async Task<List<TakenChange>> FlushRemainingAsync(CancellationToken cancellationToken)
    {
        var unsent = new List<TakenChange>();
        while (_backlog.Count > 0)
        {
            try
            {
                await FlushOnceAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever failed, the changes are reported as not sent.
            catch (Exception)
#pragma warning restore CA1031
            {
                unsent.AddRange(_backlog.TakeAll());
            }
        }

        return unsent;
    }

    /// <summary>Takes one batch from memory and publishes it; on failure it is back in memory, first in line, and the exception is thrown.</summary>
    private async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        _batch.Clear();
        _changes.Clear();
        _backlog.Take(_batch, BatchSize);
        foreach (var change in _batch)
        {
            _changes.Add((change.EvseId, change.Status));
        }

        Volatile.Write(ref _handing, _batch.Count);
        try
        {
            await _store.PublishAsync(_changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _backlog.Restore(_batch);

            Volatile.Write(ref _handing, 0);
            _metrics.FlushFailed();
            if (!_failing)
            {
                Volatile.Write(ref _failing, true);
                RedisLog.FlushFailed(_logger, exception, _keys.OperatorId.ToString(), _backlog.Count);
            }

            throw;
        }

        Volatile.Write(ref _handing, 0);
        _metrics.Flushed(_batch.Count);
        if (_failing)
        {
            Volatile.Write(ref _failing, false);
            RedisLog.FlushRecovered(_logger, _keys.OperatorId.ToString());
        }

        // Wakes the holder wherever it runs; a lost message only delays it to its next lease renewal.
        await _subscriber.PublishAsync(_keys.Changes, RedisValue.EmptyString, CommandFlags.FireAndForget).ConfigureAwait(false);
    }
}
