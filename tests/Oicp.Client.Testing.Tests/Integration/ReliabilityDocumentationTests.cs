using System.Reflection;
using System.Text.RegularExpressions;

namespace Oicp.Client.Testing.Tests.Integration;

/// <summary>docs/reliability.md cites tests as proof; a renamed or deleted test must break the build, not the document's truth.</summary>
public sealed partial class ReliabilityDocumentationTests
{
    [Fact]
    public void Every_test_cited_in_reliability_md_exists()
    {
        var document = File.ReadAllText(Path.Combine(FindRepositoryRoot(), "docs", "reliability.md"));
        var testMethods = typeof(ReliabilityDocumentationTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(method => method.GetCustomAttributes<FactAttribute>(inherit: true).Any())
                .Select(method => type.Name + "." + method.Name))
            .ToHashSet(StringComparer.Ordinal);

        var cited = TestCitation().Matches(document).Select(match => match.Groups[1].Value).ToArray();

        cited.Should().HaveCountGreaterThan(20, "the fault matrix and the security table cite their tests");
        cited.Where(name => !testMethods.Contains(name)).Should().BeEmpty("every cited test must exist in Oicp.Client.Testing.Tests");
    }

    [Fact]
    public void Every_test_file_cited_in_reliability_md_exists()
    {
        var root = FindRepositoryRoot();
        var document = File.ReadAllText(Path.Combine(root, "docs", "reliability.md"));

        var files = FileCitation().Matches(document).Select(match => match.Groups[1].Value).ToArray();

        files.Should().NotBeEmpty();
        files.Where(file => !File.Exists(Path.Combine(root, file))).Should().BeEmpty();
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Oicp.Client.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Oicp.Client.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"`([A-Z][A-Za-z]*Tests\.[A-Za-z0-9_]+)`")]
    private static partial Regex TestCitation();

    [GeneratedRegex(@"`(tests/[^`]+\.cs)`")]
    private static partial Regex FileCitation();
}
