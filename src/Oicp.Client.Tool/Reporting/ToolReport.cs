namespace Oicp.Client.Tool;

/// <summary>What a command found and did: facts for the heading, checks, and the push result if there was one.</summary>
internal sealed class ToolReport(string command)
{
    private int? _exitCode;

    /// <summary>Gets the command name, for example <c>doctor</c>.</summary>
    public string Command { get; } = command;

    /// <summary>Gets facts shown in the heading and in the JSON (OperatorID, endpoint...).</summary>
    public List<Fact> Facts { get; } = [];

    /// <summary>Gets the checks, in the order they ran.</summary>
    public List<Check> Checks { get; } = [];

    /// <summary>Gets or sets the result of the push the command made, if any.</summary>
    public PushResult? Push { get; set; }

    /// <summary>Gets the exit code: the one set with <see cref="SetExitCode"/>, else 1 when a check failed, else 0.</summary>
    public int ExitCode => _exitCode ?? (Checks.Exists(check => check.Status == CheckStatus.Fail) ? ExitCodes.CheckFailed : ExitCodes.Success);

    public void Add(Check check) => Checks.Add(check);

    public void AddFact(string key, string label, string value) => Facts.Add(new(key, label, value));

    /// <summary>Overrides the exit code, for outcomes that are not a failed check (usage error, not confirmed).</summary>
    public void SetExitCode(int exitCode) => _exitCode = exitCode;
}

/// <summary>A fact about the run shown in the heading: <paramref name="Key"/> names it in the JSON, <paramref name="Label"/> on a terminal.</summary>
/// <param name="Key">The JSON property name.</param>
/// <param name="Label">The label on a terminal.</param>
/// <param name="Value">The value.</param>
internal sealed record Fact(string Key, string Label, string Value);
