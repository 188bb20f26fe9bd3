using Oicp.Client.Diagnostics;

namespace Oicp.Client;

/// <summary>
/// An OICP status code (<c>StatusCode.Code</c> of an eRoamingAcknowledgment): a three-digit string
/// with leading zeros. The set is open: every code of OICP 2.3 has a named value, and a code this
/// version does not know is kept as it came, never an error. <see cref="ToString"/> is the raw code
/// (<c>603</c>); <see cref="Description"/> is the text OICP gives it.
/// </summary>
/// <remarks>
/// Classification used by the SDK: <see cref="IsTransient"/> codes (001, 002, 009, 021, 310, 320) describe
/// trouble on Hubject's or a partner's side that may pass, so the same request is worth sending again;
/// every other failure code, and every unknown code, is permanent: sending the same request again
/// would get the same answer.
/// <para>
/// A code built in your code (the constructor, or the implicit conversion from a string) must be exactly three
/// ASCII digits. A code read from Hubject's answer is kept as it came, even when it breaks that rule.
/// </para>
/// </remarks>
public readonly struct OicpStatusCode : IEquatable<OicpStatusCode>
{
    // Filled by Known as the named codes below are initialized, in the order they are declared.
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal);

    private const string Rule = "An OICP status code is exactly three ASCII digits, for example \"017\"";

    private readonly string? _code;

    /// <summary>Creates a status code from its text; a well-formed code OICP 2.3 does not define is kept as it is.</summary>
    /// <param name="code">The code, for example <c>"000"</c> or <c>"017"</c>: exactly three ASCII digits.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not exactly three ASCII digits.</exception>
    public OicpStatusCode(string code)
        : this(code, validate: true)
    {
    }

    private OicpStatusCode(string code, bool validate)
    {
        if (validate)
        {
            if (code is null)
            {
                throw new ArgumentNullException(nameof(code), Rule + "; null is not a code.");
            }

            if (code.Length != 3 || !char.IsAsciiDigit(code[0]) || !char.IsAsciiDigit(code[1]) || !char.IsAsciiDigit(code[2]))
            {
                throw new ArgumentException($"{Rule}; '{ControlCharacters.Escape(code)}' is not.", nameof(code));
            }
        }

        _code = code;
    }

    /// <summary>Gets the code as sent on the wire, for example <c>"017"</c>.</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>Gets the description the OICP 2.3 specification gives the code, or <see langword="null"/> for a code it does not define.</summary>
    public string? Description => _code is not null && Descriptions.TryGetValue(_code, out var text) ? text : null;

    /// <summary>Gets a value indicating whether the code is defined by OICP 2.3.</summary>
    public bool IsKnown => Description is not null;

    /// <summary>Gets a value indicating whether the code is <c>000</c> (success).</summary>
    public bool IsSuccess => _code == "000";

    /// <summary>Gets a value indicating whether the code reports a passing problem worth retrying (001, 002, 009, 021, 310, 320).</summary>
    public bool IsTransient => _code is "001" or "002" or "009" or "021" or "310" or "320";

    /// <summary>Gets a value indicating whether the code reports a failure that retrying the same request cannot fix (any failure code that is not transient, including unknown codes).</summary>
    public bool IsPermanent => !IsSuccess && !IsTransient;

    /// <summary>Gets code 000: Success.</summary>
    public static OicpStatusCode Success { get; } = Known("000", "Success");

    /// <summary>Gets code 001: Hubject system error (transient).</summary>
    public static OicpStatusCode HubjectSystemError { get; } = Known("001", "Hubject system error");

    /// <summary>Gets code 002: Hubject database error (transient).</summary>
    public static OicpStatusCode HubjectDatabaseError { get; } = Known("002", "Hubject database error");

    /// <summary>Gets code 009: Data transaction error (transient).</summary>
    public static OicpStatusCode DataTransactionError { get; } = Known("009", "Data transaction error");

    /// <summary>Gets code 017: Unauthorized Access (wrong or expired client certificate, or OperatorID not linked to it).</summary>
    public static OicpStatusCode UnauthorizedAccess { get; } = Known("017", "Unauthorized Access");

    /// <summary>Gets code 018: Inconsistent EvseID (an EvseID twice in one request, or not of the operator).</summary>
    public static OicpStatusCode InconsistentEvseId { get; } = Known("018", "Inconsistent EvseID");

    /// <summary>Gets code 019: Inconsistent EvcoID.</summary>
    public static OicpStatusCode InconsistentEvcoId { get; } = Known("019", "Inconsistent EvcoID");

    /// <summary>Gets code 021: System error (transient).</summary>
    public static OicpStatusCode SystemError { get; } = Known("021", "System error");

    /// <summary>Gets code 022: Data error (mostly a bad request).</summary>
    public static OicpStatusCode DataError { get; } = Known("022", "Data error");

    /// <summary>Gets code 101: QR Code Authentication failed – Invalid Credentials.</summary>
    public static OicpStatusCode QrCodeAuthenticationFailedInvalidCredentials { get; } = Known("101", "QR Code Authentication failed – Invalid Credentials");

    /// <summary>Gets code 102: RFID Authentication failed – invalid UID.</summary>
    public static OicpStatusCode RfidAuthenticationFailedInvalidUid { get; } = Known("102", "RFID Authentication failed – invalid UID");

    /// <summary>Gets code 103: RFID Authentication failed – card not readable.</summary>
    public static OicpStatusCode RfidAuthenticationFailedCardNotReadable { get; } = Known("103", "RFID Authentication failed – card not readable");

    /// <summary>Gets code 105: PLC Authentication failed - invalid EvcoID.</summary>
    public static OicpStatusCode PlcAuthenticationFailedInvalidEvcoId { get; } = Known("105", "PLC Authentication failed - invalid EvcoID");

    /// <summary>Gets code 106: No positive authentication response.</summary>
    public static OicpStatusCode NoPositiveAuthenticationResponse { get; } = Known("106", "No positive authentication response");

    /// <summary>Gets code 110: QR Code App Authentication failed – time out error.</summary>
    public static OicpStatusCode QrCodeAppAuthenticationFailedTimeout { get; } = Known("110", "QR Code App Authentication failed – time out error");

    /// <summary>Gets code 120: PLC (ISO/ IEC 15118) Authentication failed – invalid underlying EvcoID.</summary>
    public static OicpStatusCode PlcIso15118AuthenticationFailedInvalidUnderlyingEvcoId { get; } = Known("120", "PLC (ISO/ IEC 15118) Authentication failed – invalid underlying EvcoID");

    /// <summary>Gets code 121: PLC (ISO/ IEC 15118) Authentication failed – invalid certificate.</summary>
    public static OicpStatusCode PlcIso15118AuthenticationFailedInvalidCertificate { get; } = Known("121", "PLC (ISO/ IEC 15118) Authentication failed – invalid certificate");

    /// <summary>Gets code 122: PLC (ISO/ IEC 15118) Authentication failed – time out error.</summary>
    public static OicpStatusCode PlcIso15118AuthenticationFailedTimeout { get; } = Known("122", "PLC (ISO/ IEC 15118) Authentication failed – time out error");

    /// <summary>Gets code 200: EvcoID locked.</summary>
    public static OicpStatusCode EvcoIdLocked { get; } = Known("200", "EvcoID locked");

    /// <summary>Gets code 210: No valid contract (no active service offer).</summary>
    public static OicpStatusCode NoValidContract { get; } = Known("210", "No valid contract");

    /// <summary>Gets code 300: Partner not found (OperatorID in the URL or body not correct).</summary>
    public static OicpStatusCode PartnerNotFound { get; } = Known("300", "Partner not found");

    /// <summary>Gets code 310: Partner did not respond (transient).</summary>
    public static OicpStatusCode PartnerDidNotRespond { get; } = Known("310", "Partner did not respond");

    /// <summary>Gets code 320: Service not available (transient).</summary>
    public static OicpStatusCode ServiceNotAvailable { get; } = Known("320", "Service not available");

    /// <summary>Gets code 400: Session is invalid.</summary>
    public static OicpStatusCode SessionIsInvalid { get; } = Known("400", "Session is invalid");

    /// <summary>Gets code 501: Communication to EVSE failed.</summary>
    public static OicpStatusCode CommunicationToEvseFailed { get; } = Known("501", "Communication to EVSE failed");

    /// <summary>Gets code 510: No EV connected to EVSE.</summary>
    public static OicpStatusCode NoEvConnectedToEvse { get; } = Known("510", "No EV connected to EVSE");

    /// <summary>Gets code 601: EVSE already reserved.</summary>
    public static OicpStatusCode EvseAlreadyReserved { get; } = Known("601", "EVSE already reserved");

    /// <summary>Gets code 602: EVSE already in use/ wrong token.</summary>
    public static OicpStatusCode EvseAlreadyInUseWrongToken { get; } = Known("602", "EVSE already in use/ wrong token");

    /// <summary>Gets code 603: Unknown EVSE ID (a status for an EVSE without an EVSE data record).</summary>
    public static OicpStatusCode UnknownEvseId { get; } = Known("603", "Unknown EVSE ID");

    /// <summary>Gets code 604: EVSE ID is not Hubject compatible.</summary>
    public static OicpStatusCode EvseIdNotHubjectCompatible { get; } = Known("604", "EVSE ID is not Hubject compatible");

    /// <summary>Gets code 700: EVSE out of service.</summary>
    public static OicpStatusCode EvseOutOfService { get; } = Known("700", "EVSE out of service");

    /// <summary>Gets every code OICP 2.3 defines, in ascending order.</summary>
    public static IReadOnlyList<OicpStatusCode> KnownCodes { get; } =
        Descriptions.Keys.Order(StringComparer.Ordinal).Select(code => new OicpStatusCode(code)).ToArray();

    /// <summary>Converts the text of a code, so <c>result.OicpCode == "603"</c> reads as it means.</summary>
    /// <param name="code">The code: exactly three ASCII digits.</param>
    /// <returns>The status code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not exactly three ASCII digits.</exception>
    public static implicit operator OicpStatusCode(string code) => new(code);

    /// <summary>A code as Hubject sent it, kept whatever its form: reading an answer never fails on the code alone.</summary>
    internal static OicpStatusCode FromWire(string code) => new(code, validate: false);

    private static OicpStatusCode Known(string code, string description)
    {
        Descriptions.Add(code, description);
        return new(code);
    }

    /// <summary>Returns the raw code, for example <c>017</c>; read <see cref="Description"/> for its text.</summary>
    /// <returns>The code as sent on the wire.</returns>
    public override string ToString() => Code;

    /// <inheritdoc />
    public bool Equals(OicpStatusCode other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OicpStatusCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    /// <summary>Compares two codes.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    /// <returns><see langword="true"/> when both have the same wire text.</returns>
    public static bool operator ==(OicpStatusCode left, OicpStatusCode right) => left.Equals(right);

    /// <summary>Compares two codes.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    /// <returns><see langword="true"/> when the wire texts differ.</returns>
    public static bool operator !=(OicpStatusCode left, OicpStatusCode right) => !left.Equals(right);
}
