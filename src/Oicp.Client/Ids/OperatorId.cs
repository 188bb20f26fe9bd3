using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Oicp.Client.Diagnostics;
using Oicp.Client.Ids.Internal;
using Oicp.Client.Records.Internal;

namespace Oicp.Client;

/// <summary>
/// An OICP operator identifier (OperatorID) in ISO form (<c>DE*A36</c>, <c>DEA36</c>) or DIN form
/// (<c>+49*536</c>). Always valid once constructed and stored in upper case, so an invalid id
/// cannot reach the wire.
/// </summary>
/// <remarks>
/// Like <see cref="EvseId"/>, an id has one identity: its text without the optional <c>*</c> separator and the
/// DIN <c>+</c>, so <c>DE*ABC</c> equals <c>DEABC</c>. <see cref="ToString"/> returns the text as given (upper-cased).
/// </remarks>
[JsonConverter(typeof(OperatorIdJsonConverter))]
public readonly struct OperatorId : IEquatable<OperatorId>
{
    private readonly string? _value;

    private OperatorId(string value) => _value = value;

    /// <summary>Gets a value indicating whether this is the default (empty, invalid) value.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Parses an OperatorID, normalising it to upper case.</summary>
    /// <param name="value">The id, for example <c>DE*ABC</c>.</param>
    /// <returns>The parsed id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> does not match the OICP OperatorID pattern.</exception>
    public static OperatorId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id)
            ? id
            : throw new FormatException($"'{ControlCharacters.Escape(value)}' is not a valid OperatorID: {IdPatterns.OperatorIdRule}.");
    }

    /// <summary>Tries to parse an OperatorID, normalising it to upper case.</summary>
    /// <param name="value">The id to parse.</param>
    /// <param name="operatorId">The parsed id, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid OperatorID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out OperatorId operatorId)
    {
        if (value is null || value.Length > IdPatterns.MaxOperatorIdLength || !IdPatterns.TryNormalize(value, out var upper) || !IdPatterns.OperatorId().IsMatch(upper))
        {
            operatorId = default;
            return false;
        }

        operatorId = new OperatorId(upper);
        return true;
    }

    /// <summary>
    /// Tells whether <paramref name="other"/> names the same operator (<c>DE*ABC</c> and <c>DEABC</c>); unlike
    /// <see cref="Equals(OperatorId)"/>, the default value names no operator, not even itself.
    /// </summary>
    /// <param name="other">The id to compare with.</param>
    /// <returns><see langword="true"/> when both ids name the same operator.</returns>
    public bool IsSameOperatorAs(OperatorId other) => !IsEmpty && Equals(other);

    /// <summary>Returns the id as it was given, upper-cased, as it is sent on the wire.</summary>
    /// <returns>The id text, or an empty string for the default value.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Tells whether <paramref name="other"/> is the same operator: the same text once the optional <c>*</c> and <c>+</c> are left out.</summary>
    /// <param name="other">The id to compare with.</param>
    /// <returns><see langword="true"/> when both ids name the same operator (or both are the default value).</returns>
    public bool Equals(OperatorId other) =>
        ReferenceEquals(_value, other._value) || (_value is not null && other._value is not null && IdIdentity.AreSame(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OperatorId other && Equals(other);

    /// <summary>Returns a hash of the id's identity, the same for <c>DE*ABC</c> and <c>DEABC</c>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => _value is null ? 0 : IdIdentity.GetHashCode(_value);

    /// <summary>Tells whether two ids name the same operator (see <see cref="Equals(OperatorId)"/>).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(OperatorId left, OperatorId right) => left.Equals(right);

    /// <summary>Tells whether two ids name different operators.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(OperatorId left, OperatorId right) => !left.Equals(right);

    internal static OperatorId FromValidated(string upperCaseValue) => new(upperCaseValue);
}
