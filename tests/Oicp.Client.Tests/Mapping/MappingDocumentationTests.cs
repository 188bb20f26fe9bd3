using Oicp.Client.Tests.TestSupport;
using Oicp.Client.Mapping;

namespace Oicp.Client.Tests.Mapping;

/// <summary>Keeps the tables of docs/mapping.md and the code in agreement.</summary>
public sealed class MappingDocumentationTests
{
    private static readonly Lazy<string[]> DocLines = new(() => File.ReadAllLines(Path.Combine(Repository.Root, "docs", "mapping.md")));

    [Fact]
    public void Ocpp16_table_matches_the_default_mapping() =>
        TableMatches("## OCPP 1.6 ChargePointStatus", Ocpp16WireNames.ParseChargePointStatus, s => EvseStatusMapper.Default.Map(s).ToWireString());

    [Fact]
    public void Ocpp201_table_matches_the_default_mapping() =>
        TableMatches("## OCPP 2.0.1 ConnectorStatus", Ocpp201WireNames.ParseConnectorStatus, s => EvseStatusMapper.Default.Map(s).ToWireString());

    [Fact]
    public void Ocpi_table_matches_the_default_mapping() =>
        TableMatches("## OCPI 2.2.1 EVSE Status", OcpiWireNames.ParseEvseStatus, s => EvseStatusMapper.Default.Map(s).ToString());

    [Fact]
    public void Aggregation_table_matches_the_aggregation()
    {
        var rows = TableUnder("## Aggregation: connectors to one EVSE");

        rows.Should().NotBeEmpty();
        foreach (var row in rows)
        {
            var connectors = row[0] == "(none)"
                ? []
                : row[0].Split(',', StringSplitOptions.TrimEntries).Select(ParseOicp).ToArray();
            EvseStatusAggregation.Aggregate(connectors).ToWireString().Should().Be(row[1], row[0]);
        }
    }

    [Fact]
    public void Offline_default_in_the_docs_matches_the_mapper()
    {
        var section = string.Join('\n', DocLines.Value.SkipWhile(l => l != "## Charger offline").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)));

        section.Should().Contain($"`{EvseStatusMapper.Default.OfflineStatus.ToWireString()}` (`EvseStatusMappingOptions.OfflineStatus`)");
    }

    /// <summary>Every value of <typeparamref name="TSource"/> has exactly one row, and each row's OICP cell is what the code maps it to.</summary>
    private static void TableMatches<TSource>(string heading, Func<string, TSource> parse, Func<TSource, string> map)
        where TSource : struct, Enum
    {
        var rows = TableUnder(heading);

        rows.Select(r => parse(r[0])).Should().BeEquivalentTo(Enum.GetValues<TSource>()).And.OnlyHaveUniqueItems();
        foreach (var row in rows)
        {
            map(parse(row[0])).Should().Be(row[1], $"docs/mapping.md says {row[0]} maps to {row[1]}");
        }
    }

    private static EvseStatus ParseOicp(string text) => OicpWireNames.TryParseEvseStatus(text, out var status)
        ? status
        : throw new FormatException($"'{text}' in docs/mapping.md is not an OICP status.");

    /// <summary>Returns the cells of the body rows of the first table after <paramref name="heading"/>.</summary>
    private static List<string[]> TableUnder(string heading)
    {
        var lines = DocLines.Value;
        var start = Array.IndexOf(lines, heading);
        start.Should().BeGreaterThanOrEqualTo(0, $"docs/mapping.md must have the heading '{heading}'");
        return lines
            .Skip(start + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Skip(2) // header and separator
            .Select(l => l.Trim('|').Split('|', StringSplitOptions.TrimEntries))
            .ToList();
    }
}
