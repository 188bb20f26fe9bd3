namespace Oicp.Client.Tool;

/// <summary>One line of a report: what was checked, the verdict, what it means and what to do.</summary>
/// <param name="Id">A stable identifier for scripts, for example <c>certificate.expiry</c>.</param>
/// <param name="Title">A short label for the terminal, for example <c>Expiry</c>.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Message">What was found, in plain words.</param>
/// <param name="Advice">What to do about it, for warnings and failures.</param>
internal sealed record Check(string Id, string Title, CheckStatus Status, string Message, string? Advice = null)
{
    public static Check Ok(string id, string title, string message) => new(id, title, CheckStatus.Ok, message);

    public static Check Warn(string id, string title, string message, string advice) => new(id, title, CheckStatus.Warn, message, advice);

    public static Check Fail(string id, string title, string message, string? advice = null) => new(id, title, CheckStatus.Fail, message, advice);

    public static Check Skip(string id, string title, string message) => new(id, title, CheckStatus.Skip, message);
}
