using System.Diagnostics.CodeAnalysis;

namespace Oicp.Client;

/// <summary>The exact wire spellings of <see cref="EvseStatus"/> and <see cref="ActionType"/>, and their parsing.</summary>
public static class OicpWireNames
{
    /// <summary>Returns the wire spelling of a status (<c>Available</c>, <c>OutOfService</c>, ...).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire spelling.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public static string ToWireString(this EvseStatus status) => status switch
    {
        EvseStatus.Available => "Available",
        EvseStatus.Reserved => "Reserved",
        EvseStatus.Occupied => "Occupied",
        EvseStatus.OutOfService => "OutOfService",
        EvseStatus.EvseNotFound => "EvseNotFound",
        EvseStatus.Unknown => "Unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "EvseStatus must be one of Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown."),
    };

    /// <summary>Returns the wire spelling of an action type (<c>fullLoad</c>, <c>update</c>, <c>insert</c>, <c>delete</c>).</summary>
    /// <param name="actionType">The action type.</param>
    /// <returns>The wire spelling.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="actionType"/> is not a defined value.</exception>
    public static string ToWireString(this ActionType actionType) => actionType switch
    {
        ActionType.FullLoad => "fullLoad",
        ActionType.Update => "update",
        ActionType.Insert => "insert",
        ActionType.Delete => "delete",
        _ => throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "ActionType must be one of fullLoad, update, insert, delete."),
    };

    /// <summary>Parses the exact wire spelling of a status (case-sensitive, as the spec defines it).</summary>
    /// <param name="value">The wire text.</param>
    /// <param name="status">The status when parsing succeeds.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a wire spelling of a status.</returns>
    public static bool TryParseEvseStatus([NotNullWhen(true)] string? value, out EvseStatus status) =>
        TryParseEvseStatus(value.AsSpan(), out status) && value is not null;

    /// <summary>Parses the exact wire spelling of an action type (case-sensitive, as the spec defines it).</summary>
    /// <param name="value">The wire text.</param>
    /// <param name="actionType">The action type when parsing succeeds.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a wire spelling of an action type.</returns>
    public static bool TryParseActionType([NotNullWhen(true)] string? value, out ActionType actionType) =>
        TryParseActionType(value.AsSpan(), out actionType) && value is not null;

    internal static bool TryParseEvseStatus(ReadOnlySpan<char> value, out EvseStatus status)
    {
        switch (value)
        {
            case "Available": status = EvseStatus.Available; return true;
            case "Reserved": status = EvseStatus.Reserved; return true;
            case "Occupied": status = EvseStatus.Occupied; return true;
            case "OutOfService": status = EvseStatus.OutOfService; return true;
            case "EvseNotFound": status = EvseStatus.EvseNotFound; return true;
            case "Unknown": status = EvseStatus.Unknown; return true;
            default: status = default; return false;
        }
    }

    internal static bool TryParseActionType(ReadOnlySpan<char> value, out ActionType actionType)
    {
        switch (value)
        {
            case "fullLoad": actionType = ActionType.FullLoad; return true;
            case "update": actionType = ActionType.Update; return true;
            case "insert": actionType = ActionType.Insert; return true;
            case "delete": actionType = ActionType.Delete; return true;
            default: actionType = default; return false;
        }
    }

    internal static bool IsDefined(EvseStatus status) => status is >= EvseStatus.Available and <= EvseStatus.Unknown;

    internal static bool IsDefined(ActionType actionType) => actionType is >= ActionType.FullLoad and <= ActionType.Delete;
}
