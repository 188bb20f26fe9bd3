namespace Oicp.Client.Tool;

/// <summary>The verdict of one check.</summary>
internal enum CheckStatus
{
    /// <summary>The check passed.</summary>
    Ok,

    /// <summary>Something to look at, which does not stop pushes today.</summary>
    Warn,

    /// <summary>Hubject will refuse pushes (or the tool could not do what was asked) until this is fixed.</summary>
    Fail,

    /// <summary>Not checked, because an earlier step failed.</summary>
    Skip,
}
