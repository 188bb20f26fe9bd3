using System.Text.Json;

namespace Oicp.Client.Tests.Ids;

public sealed class OperatorIdTests
{
    [Theory]
    [InlineData("DE*A36", "DE*A36")]
    [InlineData("DEA36", "DEA36")]
    [InlineData("de*abc", "DE*ABC")]
    [InlineData("+49*536", "+49*536")]
    [InlineData("49*536", "49*536")]
    [InlineData("1*234", "1*234")]
    public void Parse_accepts_ISO_and_DIN_forms_and_normalises_to_upper_case(string input, string expected)
    {
        OperatorId.Parse(input).ToString().Should().Be(expected);
        OperatorId.TryParse(input, out var parsed).Should().BeTrue();
        parsed.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("D*ABC")]
    [InlineData("DE**ABC")]
    [InlineData("DE*AB")]
    [InlineData("DE*ABCD")]
    [InlineData("+49536")]
    [InlineData("+49*53")]
    [InlineData("+1234*536")]
    [InlineData(" DE*ABC")]
    [InlineData("DE-ABC")]
    public void Parse_rejects_values_outside_the_pattern_naming_the_value_and_the_rule(string input)
    {
        OperatorId.TryParse(input, out var parsed).Should().BeFalse();
        parsed.IsEmpty.Should().BeTrue();

        var parse = () => OperatorId.Parse(input);

        parse.Should().Throw<FormatException>()
            .WithMessage($"'{input}' is not a valid OperatorID*")
            .Which.Message.Should().Contain("^(([A-Za-z]{2}\\*?[A-Za-z0-9]{3})|(\\+?[0-9]{1,3}\\*[0-9]{3}))$");
    }

    [Theory]
    [InlineData("DE*ABC\n")]
    [InlineData("+49*536\n")]
    [InlineData("de*ab\u017F")]
    public void A_trailing_line_break_or_a_non_ASCII_letter_is_refused(string input)
    {
        OperatorId.TryParse(input, out var parsed).Should().BeFalse();
        parsed.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Parse_rejects_null_with_ArgumentNullException()
    {
        var parse = () => OperatorId.Parse(null!);

        parse.Should().Throw<ArgumentNullException>();
        OperatorId.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Equality_is_on_the_normalised_text()
    {
        OperatorId.Parse("de*abc").Should().Be(OperatorId.Parse("DE*ABC"));
        OperatorId.Parse("de*abc").GetHashCode().Should().Be(OperatorId.Parse("DE*ABC").GetHashCode());
        (OperatorId.Parse("DE*ABC") == OperatorId.Parse("DE*ABD")).Should().BeFalse();
    }

    [Fact]
    public void Json_round_trips_as_a_string_and_rejects_invalid_ids()
    {
        JsonSerializer.Serialize(OperatorId.Parse("de*abc")).Should().Be("\"DE*ABC\"");
        JsonSerializer.Deserialize<OperatorId>("\"DE*ABC\"").Should().Be(OperatorId.Parse("DE*ABC"));

        var invalid = () => JsonSerializer.Deserialize<OperatorId>("\"nope\"");
        invalid.Should().Throw<JsonException>().WithMessage("'nope' is not a valid OperatorID*");

        var empty = () => JsonSerializer.Serialize(default(OperatorId));
        empty.Should().Throw<JsonException>();
    }
}
