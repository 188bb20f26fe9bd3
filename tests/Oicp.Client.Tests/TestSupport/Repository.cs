namespace Oicp.Client.Tests.TestSupport;

/// <summary>Finds files of the repository (docs, README) for tests that keep them in line with the code.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ReadAllText(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oicp.Client.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Oicp.Client.sln) was not found above the test's directory.");
    }
}
