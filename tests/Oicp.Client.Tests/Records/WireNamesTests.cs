using System.Text.Json;

namespace Oicp.Client.Tests.Records;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData(EvseStatus.Available, "Available")]
    [InlineData(EvseStatus.Reserved, "Reserved")]
    [InlineData(EvseStatus.Occupied, "Occupied")]
    [InlineData(EvseStatus.OutOfService, "OutOfService")]
    [InlineData(EvseStatus.EvseNotFound, "EvseNotFound")]
    [InlineData(EvseStatus.Unknown, "Unknown")]
    public void EvseStatus_is_spelled_exactly_as_the_spec(EvseStatus status, string wire)
    {
        status.ToWireString().Should().Be(wire);
        OicpWireNames.TryParseEvseStatus(wire, out var parsed).Should().BeTrue();
        parsed.Should().Be(status);
        JsonSerializer.Serialize(status).Should().Be($"\"{wire}\"");
        JsonSerializer.Deserialize<EvseStatus>($"\"{wire}\"").Should().Be(status);
    }

    [Theory]
    [InlineData(ActionType.FullLoad, "fullLoad")]
    [InlineData(ActionType.Update, "update")]
    [InlineData(ActionType.Insert, "insert")]
    [InlineData(ActionType.Delete, "delete")]
    public void ActionType_is_spelled_exactly_as_the_spec(ActionType actionType, string wire)
    {
        actionType.ToWireString().Should().Be(wire);
        OicpWireNames.TryParseActionType(wire, out var parsed).Should().BeTrue();
        parsed.Should().Be(actionType);
        JsonSerializer.Serialize(actionType).Should().Be($"\"{wire}\"");
        JsonSerializer.Deserialize<ActionType>($"\"{wire}\"").Should().Be(actionType);
    }

    [Theory]
    [InlineData("available")]
    [InlineData("FullLoad")]
    [InlineData("")]
    [InlineData(null)]
    public void Parsing_is_exact(string? wire)
    {
        OicpWireNames.TryParseEvseStatus(wire, out _).Should().BeFalse();
        OicpWireNames.TryParseActionType(wire, out _).Should().BeFalse();
    }

    [Fact]
    public void Undefined_values_are_refused()
    {
        var status = () => ((EvseStatus)42).ToWireString();
        var action = () => ((ActionType)42).ToWireString();

        status.Should().Throw<ArgumentOutOfRangeException>();
        action.Should().Throw<ArgumentOutOfRangeException>();
        var json = () => JsonSerializer.Deserialize<EvseStatus>("\"Broken\"");
        json.Should().Throw<JsonException>().WithMessage("*'Broken' is not an OICP EvseStatus*");
    }
}
