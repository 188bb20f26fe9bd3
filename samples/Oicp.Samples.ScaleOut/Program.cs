using Oicp.Samples.ScaleOut;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await ScaleOutApp.RunAsync(args, Console.Out, cancellation.Token);
