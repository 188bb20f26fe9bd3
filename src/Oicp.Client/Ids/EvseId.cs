using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Oicp.Client.Internal;

namespace Oicp.Client;

/// <summary>
/// An OICP EVSE identifier (EvseID) in ISO form (<c>DE*AB7*E840*6487</c>, <c>DEAB7E8406487</c>) or
/// DIN form (<c>+49*810*000*438</c>). Always valid once constructed and normalised to upper case
/// (Hubject accepts lower case but stores upper case).
/// </summary>
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
        _hashCode = StringComparer.Ordinal.GetHashCode(value);
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
            : throw new FormatException($"'{value}' is not a valid EvseID: {IdPatterns.EvseIdRule}.");
    }

    /// <summary>Tries to parse an EvseID, normalising it to upper case.</summary>
    /// <param name="value">The id to parse.</param>
    /// <param name="evseId">The parsed id, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid EvseID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out EvseId evseId)
    {
        if (value is null || value.Length > IdPatterns.MaxEvseIdLength)
        {
            evseId = default;
            return false;
        }

        var upper = IdPatterns.ToUpperAscii(value);
        var match = IdPatterns.EvseId().Match(upper);
        if (!match.Success)
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
        SeparatorInsensitiveComparer.SpanEquals(_value.AsSpan(0, _operatorLength), operatorId.ToString().AsSpan());

    /// <summary>Returns the id as it is sent on the wire (upper case).</summary>
    /// <returns>The id text, or an empty string for the default value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <inheritdoc />
    public bool Equals(EvseId other) => _hashCode == other._hashCode && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EvseId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hashCode;

    /// <inheritdoc />
    public int CompareTo(EvseId other) => string.CompareOrdinal(_value, other._value);

    /// <summary>Compares two ids for exact (normalised) equality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(EvseId left, EvseId right) => left.Equals(right);

    /// <summary>Compares two ids for inequality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(EvseId left, EvseId right) => !left.Equals(right);

    /// <summary>Orders two ids ordinally.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(EvseId left, EvseId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two ids ordinally.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first or is equal.</returns>
    public static bool operator <=(EvseId left, EvseId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two ids ordinally.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(EvseId left, EvseId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two ids ordinally.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last or is equal.</returns>
    public static bool operator >=(EvseId left, EvseId right) => left.CompareTo(right) >= 0;
}
