namespace Oicp.Client.Tool;

/// <summary>The process entry point: the real console, environment and signals; everything else is in <see cref="OicpTool"/>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => OicpTool.RunAsync(args, ToolContext.FromConsole());
}
