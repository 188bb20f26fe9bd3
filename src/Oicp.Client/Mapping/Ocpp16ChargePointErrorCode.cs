namespace Oicp.Client.Mapping;

/// <summary>
/// The OCPP 1.6 <c>ChargePointErrorCode</c> of a <c>StatusNotification</c>. It does not change the
/// OICP mapping: OCPP 1.6 reports a blocking error through the status <c>Faulted</c>, and an error code
/// next to any other status is a warning. Parse and print the wire spelling with <see cref="Ocpp16WireNames"/>.
/// </summary>
public enum Ocpp16ChargePointErrorCode
{
    /// <summary>Wire value <c>ConnectorLockFailure</c>.</summary>
    ConnectorLockFailure = 0,

    /// <summary>Wire value <c>EVCommunicationError</c>.</summary>
    EVCommunicationError = 1,

    /// <summary>Wire value <c>GroundFailure</c>.</summary>
    GroundFailure = 2,

    /// <summary>Wire value <c>HighTemperature</c>.</summary>
    HighTemperature = 3,

    /// <summary>Wire value <c>InternalError</c>.</summary>
    InternalError = 4,

    /// <summary>Wire value <c>LocalListConflict</c>.</summary>
    LocalListConflict = 5,

    /// <summary>No error (wire value <c>NoError</c>).</summary>
    NoError = 6,

    /// <summary>Wire value <c>OtherError</c>.</summary>
    OtherError = 7,

    /// <summary>Wire value <c>OverCurrentFailure</c>.</summary>
    OverCurrentFailure = 8,

    /// <summary>Wire value <c>OverVoltage</c>.</summary>
    OverVoltage = 9,

    /// <summary>Wire value <c>PowerMeterFailure</c>.</summary>
    PowerMeterFailure = 10,

    /// <summary>Wire value <c>PowerSwitchFailure</c>.</summary>
    PowerSwitchFailure = 11,

    /// <summary>Wire value <c>ReaderFailure</c>.</summary>
    ReaderFailure = 12,

    /// <summary>Wire value <c>ResetFailure</c>.</summary>
    ResetFailure = 13,

    /// <summary>Wire value <c>UnderVoltage</c>.</summary>
    UnderVoltage = 14,

    /// <summary>Wire value <c>WeakSignal</c>.</summary>
    WeakSignal = 15,
}
