using Oicp.Samples.QuickStart;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await QuickStartApp.RunAsync(args, Console.Out, cancellation.Token);
