using Oicp.Samples.OcppBridge;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await OcppBridgeApp.RunAsync(args, Console.Out, cancellation.Token);
