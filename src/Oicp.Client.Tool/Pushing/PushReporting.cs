namespace Oicp.Client.Tool;

/// <summary>Sends a push and turns the outcome into the report's <c>push</c> check: the result with its Process-ID, and advice when it failed.</summary>
internal static class PushReporting
{
    public static async Task<PushResult?> PushAsync(CommandRun run, string what, Func<Task<PushResult>> push)
    {
        PushResult result;
        try
        {
            result = await push();
        }
        catch (ArgumentException exception)
        {
            // The SDK checks records before sending (operator, duplicates); nothing left the machine.
            run.Refuse("push", "Push", $"{what}: not sent: {exception.Message}");
            return null;
        }

        run.Report.Push = result;
        run.Report.Add(result.IsSuccess
            ? Check.Ok("push", "Push", $"{what}: {result}.")
            : Check.Fail("push", "Push", $"{what}: {result}.", PushAdvice.For(result)));
        return result;
    }
}
