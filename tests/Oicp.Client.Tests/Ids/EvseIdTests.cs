using System.Text.Json;

namespace Oicp.Client.Tests.Ids;

public sealed class EvseIdTests
{
    [Theory]
    [InlineData("DE*AB7*E840*6487", "DE*AB7*E840*6487", "DE*AB7")]
    [InlineData("DEAB7E8406487", "DEAB7E8406487", "DEAB7")]
    [InlineData("de*ab7*e840*6487", "DE*AB7*E840*6487", "DE*AB7")]
    [InlineData("DE*AB7E1", "DE*AB7E1", "DE*AB7")]
    [InlineData("DEAB7*E1", "DEAB7*E1", "DEAB7")]
    [InlineData("+49*810*000*438", "+49*810*000*438", "+49*810")]
    [InlineData("49*810*1", "49*810*1", "49*810")]
    [InlineData("DE*ABC*E123456789012345678901234567890", "DE*ABC*E123456789012345678901234567890", "DE*ABC")]
    public void Parse_accepts_ISO_and_DIN_forms_and_knows_the_operator_part(string input, string expected, string operatorPart)
    {
        var id = EvseId.Parse(input);

        id.ToString().Should().Be(expected);
        id.OperatorId.ToString().Should().Be(operatorPart);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DE*ABC")]
    [InlineData("DE*ABC*123")]
    [InlineData("DE*ABC*E")]
    [InlineData("DE*ABC*E1234567890123456789012345678901")]
    [InlineData("+49*810")]
    [InlineData("+49*810*A1")]
    [InlineData("+49810*1")]
    [InlineData("DE*ABC*E12 ")]
    [InlineData("DE*ABC*E1-2")]
    public void Parse_rejects_values_outside_the_pattern_naming_the_value_and_the_rule(string input)
    {
        EvseId.TryParse(input, out var parsed).Should().BeFalse();
        parsed.IsEmpty.Should().BeTrue();

        var parse = () => EvseId.Parse(input);

        parse.Should().Throw<FormatException>()
            .WithMessage($"'{input}' is not a valid EvseID*")
            .Which.Message.Should().Contain("ISO form").And.Contain("DIN form");
    }

    [Theory]
    [InlineData("DE*ABC*E1\n")]
    [InlineData("DE*ABC*E1\r\n")]
    [InlineData("de*abc*e1\n")]
    [InlineData("+49*810*1\n")]
    public void A_trailing_line_break_is_refused_and_shown_escaped(string input)
    {
        EvseId.TryParse(input, out _).Should().BeFalse();

        var parse = () => EvseId.Parse(input);

        parse.Should().Throw<FormatException>().Which.Message.Should().Contain("\\n").And.NotContain("\n");
    }

    [Theory]
    [InlineData("de*abc*e1\u017F")]
    [InlineData("DE*ABC*E1\u017F")]
    [InlineData("de*ab\u017F*e1")]
    [InlineData("DE*ABC*E\u0661")]
    public void Non_ASCII_characters_are_refused_before_case_folding(string input)
    {
        // Upper-casing turns U+017F (long s) into S: "de*abc*e1\u017F" would become DE*ABC*E1S.
        EvseId.TryParse(input, out var parsed).Should().BeFalse();
        parsed.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void The_default_value_is_empty_and_belongs_to_nobody()
    {
        var empty = default(EvseId);

        empty.IsEmpty.Should().BeTrue();
        empty.ToString().Should().BeEmpty();
        empty.BelongsTo(OperatorId.Parse("DE*ABC")).Should().BeFalse();
        var operatorOfEmpty = () => empty.OperatorId;
        operatorOfEmpty.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Ids_compare_ordinally_on_their_normalised_text()
    {
        var a = EvseId.Parse("DE*ABC*E1");
        var b = EvseId.Parse("de*abc*e2");

        (a < b).Should().BeTrue();
        (b > a).Should().BeTrue();
        (a <= EvseId.Parse("DE*ABC*E1")).Should().BeTrue();
        (b >= a).Should().BeTrue();
        a.Should().NotBe(b);
        (a != b).Should().BeTrue();
    }

    [Fact]
    public void Json_round_trips_as_a_string_and_rejects_invalid_ids()
    {
        JsonSerializer.Serialize(EvseId.Parse("de*abc*e1")).Should().Be("\"DE*ABC*E1\"");
        JsonSerializer.Deserialize<EvseId>("\"DE*ABC*E1\"").Should().Be(EvseId.Parse("DE*ABC*E1"));

        var invalid = () => JsonSerializer.Deserialize<EvseId>("\"DE*ABC\"");
        invalid.Should().Throw<JsonException>().WithMessage("'DE*ABC' is not a valid EvseID*");

        var number = () => JsonSerializer.Deserialize<EvseId>("42");
        number.Should().Throw<JsonException>();
    }
}
