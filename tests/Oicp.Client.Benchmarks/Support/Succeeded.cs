namespace Oicp.Client.Benchmarks.Support;

/// <summary>Awaits a push and fails the benchmark unless it succeeded, so no case measures a failure path by mistake.</summary>
public static class Succeeded
{
    public static async Task Raw(Task<bool> push)
    {
        if (!await push.ConfigureAwait(false))
        {
            throw new InvalidOperationException("The baseline push failed.");
        }
    }

    public static async Task Sdk(Task<PushResult> push)
    {
        var result = await push.ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }
}
