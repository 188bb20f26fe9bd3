namespace Oicp.Client.Testing.Internal;

/// <summary>One key per operator, whichever optional separators the id was written with (<c>DE*ABC</c> and <c>DEABC</c> are one operator).</summary>
internal static class OperatorKey
{
    public static string Of(OperatorId operatorId) => operatorId.ToString().Replace("*", string.Empty, StringComparison.Ordinal).TrimStart('+');
}
