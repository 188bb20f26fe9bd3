using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Oicp.Client.Diagnostics;
using Oicp.Client.Ids.Internal;
using Oicp.Client.Records.Internal;

namespace Oicp.Client;

/// <summary>
/// An OICP EVSE identifier (EvseID) in ISO form (<c>DE*AB7*E840*6487</c>, <c>DEAB7E8406487</c>) or
/// DIN form (<c>+49*810*000*438</c>). Always valid once constructed and normalised to upper case
/// (Hubject accepts lower case but stores upper case).
/// </summary>
/// <remarks>
/// An id has one identity: its text without the optional <c>*</c> separators and the DIN <c>+</c>. So
/// <c>DE*ABC*E1</c> and <c>DEABCE1</c> are equal, hash alike, sort together and are the same dictionary key,
/// as they are the same EVSE for Hubject's duplicate check (code 018) and for <see cref="BelongsTo"/>.
/// <see cref="ToString"/> still returns the text as it was given (upper-cased): that is what goes on the wire.
/// </remarks>
[JsonConverter(typeof(EvseIdJsonConverter))]
public readonly struct EvseId : IEquatable<EvseId>, IComparable<EvseId>
{
    private readonly string? _value;
    private readonly int _operatorLength;

    // Computed once at parse time: the publisher looks an id up on every change, and hashing the string each
    // time (randomized, per character) also reads the string itself, a cache miss over a large fleet. The
    // field fits the struct's padding, so the id stays 16 bytes.
    private readonly int _hashCode;

    private EvseId(string value, int operatorLength)
    {
        _value = value;
        _operatorLength = operatorLength;
        _hashCode = IdIdentity.GetHashCode(value);
    }

    /// <summary>Gets a value indicating whether this is the default (empty, invalid) value.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Gets the operator part of the id, as written in it (for example <c>DE*AB7</c> of <c>DE*AB7*E840</c>).</summary>
    /// <exception cref="InvalidOperationException">The id is the default (empty) value.</exception>
    public OperatorId OperatorId => _value is null
        ? throw new InvalidOperationException("The default EvseId has no operator.")
        : OperatorId.FromValidated(_value.Substring(0, _operatorLength));

    /// <summary>Parses an EvseID, normalising it to upper case.</summary>
    /// <param name="value">The id, for example <c>DE*ABC*E123</c>.</param>
    /// <returns>The parsed id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> does not match the OICP EvseID pattern.</exception>
    public static EvseId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id)
            ? id
            : throw new FormatException($"'{ControlCharacters.Escape(value)}' is not a valid EvseID: {IdPatterns.EvseIdRule}.");
    }

    /// <summary>Tries to parse an EvseID, normalising it to upper case.</summary>
    /// <param name="value">The id to parse.</param>
    /// <param name="evseId">The parsed id, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid EvseID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out EvseId evseId)
    {
        if (value is null || value.Length > IdPatterns.MaxEvseIdLength || !IdPatterns.TryNormalize(value, out var upper) || IdPatterns.EvseId().Match(upper) is not { Success: true } match)
        {
            evseId = default;
            return false;
        }

        evseId = new EvseId(upper, match.Groups["op"].Length);
        return true;
    }

    /// <summary>
    /// Tells whether this EVSE belongs to <paramref name="operatorId"/>, ignoring the optional
    /// <c>*</c> separators and the optional DIN <c>+</c>.
    /// </summary>
    /// <param name="operatorId">The operator to test.</param>
    /// <returns><see langword="true"/> when the id's operator part names <paramref name="operatorId"/>.</returns>
    public bool BelongsTo(OperatorId operatorId) =>
        _value is not null && !operatorId.IsEmpty &&
        IdIdentity.AreSame(_value.AsSpan(0, _operatorLength), operatorId.ToString());

    /// <summary>Returns the id as it was given, upper-cased, as it is sent on the wire.</summary>
    /// <returns>The id text, or an empty string for the default value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Tells whether <paramref name="other"/> is the same EVSE: the same text once the optional <c>*</c> and <c>+</c> are left out.</summary>
    /// <param name="other">The id to compare with.</param>
    /// <returns><see langword="true"/> when both ids name the same EVSE (or both are the default value).</returns>
    public bool Equals(EvseId other) =>
        _hashCode == other._hashCode &&
        (ReferenceEquals(_value, other._value) || (_value is not null && other._value is not null && IdIdentity.AreSame(_value, other._value)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EvseId other && Equals(other);

    /// <summary>Returns a hash of the id's identity, the same for <c>DE*ABC*E1</c> and <c>DEABCE1</c>; computed once, when the id is parsed.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => _hashCode;

    /// <summary>Orders ids ordinally on their text without the optional <c>*</c> and <c>+</c>, so that equal ids sort together; the default value first.</summary>
    /// <param name="other">The id to compare with.</param>
    /// <returns>A negative number, zero or a positive number as this id sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(EvseId other) => IdIdentity.Compare(_value, other._value);

    /// <summary>Tells whether two ids name the same EVSE (see <see cref="Equals(EvseId)"/>).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(EvseId left, EvseId right) => left.Equals(right);

    /// <summary>Tells whether two ids name different EVSEs.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(EvseId left, EvseId right) => !left.Equals(right);

    /// <summary>Orders two ids (see <see cref="CompareTo"/>).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(EvseId left, EvseId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two ids (see <see cref="CompareTo"/>).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first or is equal.</returns>
    public static bool operator <=(EvseId left, EvseId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two ids (see <see cref="CompareTo"/>).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(EvseId left, EvseId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two ids (see <see cref="CompareTo"/>).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last or is equal.</returns>
    public static bool operator >=(EvseId left, EvseId right) => left.CompareTo(right) >= 0;
}
