namespace Oicp.Client;

/// <summary>
/// Pushes EVSE status records of one operator to Hubject (eRoamingPushEvseStatus V2.1).
/// Pushes never overlap: concurrent callers are served one after another, in the order they called.
/// Every answer becomes a <see cref="PushResult"/>; bad arguments throw before anything is sent, and
/// cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface IEvseStatusPusher
{
    /// <summary>Gets the OperatorID pushes are made for (from the options).</summary>
    OperatorId OperatorId { get; }

    /// <summary>
    /// Pushes one status change, with the configured <see cref="OicpClientOptions.StatusChangeActionType"/>
    /// (<c>update</c> by default). Hubject asks for status changes one at a time, as soon as they happen.
    /// </summary>
    /// <param name="evseId">The EVSE; must belong to the operator or a configured sub-operator.</param>
    /// <param name="status">Its new status.</param>
    /// <param name="cancellationToken">Cancels waiting for the turn and the request.</param>
    /// <returns>What Hubject answered.</returns>
    /// <exception cref="ArgumentException">The EVSE belongs to another operator, or an argument is invalid.</exception>
    Task<PushResult> PushStatusAsync(EvseId evseId, EvseStatus status, CancellationToken cancellationToken = default);

    /// <summary>Pushes records with an explicit action type, in one request.</summary>
    /// <param name="actionType">How Hubject applies the records.</param>
    /// <param name="records">The records; not empty for insert, update and delete; no EvseID twice. Read once, when the method is called: a later change to the collection is not sent.</param>
    /// <param name="cancellationToken">Cancels waiting for the turn and the request.</param>
    /// <returns>What Hubject answered.</returns>
    /// <exception cref="ArgumentException">A record breaks a rule (the message names the EvseID and the rule).</exception>
    Task<PushResult> PushAsync(ActionType actionType, IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces all of the operator's status records with <paramref name="records"/>, in ONE request
    /// (a fullLoad split into pages would make each page replace the previous one). An empty set
    /// deletes all records. Hubject asks for a fullLoad of every current status once a day.
    /// </summary>
    /// <param name="records">Every current status of the operator (and its sub-operators); no EvseID twice. Read once, when the method is called: a later change to the collection is not sent.</param>
    /// <param name="cancellationToken">Cancels waiting for the turn and the request.</param>
    /// <returns>What Hubject answered.</returns>
    /// <exception cref="ArgumentException">A record breaks a rule (the message names the EvseID and the rule).</exception>
    Task<PushResult> FullLoadAsync(IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default);
}
