namespace Oicp.Client.Tests.Results;

/// <summary>The extensible-enum conventions: the raw code as text, strings that convert, and strings that are refused.</summary>
public sealed class OicpStatusCodeConversionTests
{
    [Fact]
    public void ToString_is_the_raw_code_and_the_description_is_its_own_property()
    {
        OicpStatusCode.UnknownEvseId.ToString().Should().Be("603");
        OicpStatusCode.UnknownEvseId.Description.Should().Be("Unknown EVSE ID");
        OicpStatusCode.Success.ToString().Should().Be("000");
        new OicpStatusCode("042").ToString().Should().Be("042");
        $"{OicpStatusCode.UnauthorizedAccess}".Should().Be("017");
    }

    [Fact]
    public void A_string_converts_implicitly_to_the_code_it_names()
    {
        OicpStatusCode code = "603";

        code.Should().Be(OicpStatusCode.UnknownEvseId);
        code.Code.Should().Be("603");
        code.IsKnown.Should().BeTrue();
        code.IsPermanent.Should().BeTrue();
    }

    [Fact]
    public void Converted_strings_are_equal_to_the_named_and_constructed_codes()
    {
        OicpStatusCode? fromResult = OicpStatusCode.UnknownEvseId;

        (OicpStatusCode.UnknownEvseId == "603").Should().BeTrue();
        ("604" != OicpStatusCode.UnknownEvseId).Should().BeTrue();
        (fromResult == "603").Should().BeTrue();
        ((OicpStatusCode)"777").Should().Be(new OicpStatusCode("777"));
        ((OicpStatusCode)"777").GetHashCode().Should().Be(new OicpStatusCode("777").GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("17")]
    [InlineData("0170")]
    [InlineData("abc")]
    [InlineData("01a")]
    [InlineData(" 17")]
    [InlineData("017 ")]
    [InlineData("-17")]
    [InlineData("٠١٧")]
    [InlineData("０１７")]
    public void Invalid_strings_are_refused_naming_the_rule(string text)
    {
        var construct = () => new OicpStatusCode(text);
        var convert = () => { OicpStatusCode code = text; return code; };

        construct.Should().Throw<ArgumentException>().Where(exception => exception.ParamName == "code")
            .WithMessage("*exactly three ASCII digits*");
        convert.Should().Throw<ArgumentException>().Where(exception => exception.ParamName == "code")
            .WithMessage("*exactly three ASCII digits*");
    }

    [Fact]
    public void Null_is_refused_naming_the_rule()
    {
        var construct = () => new OicpStatusCode(null!);
        var convert = () => { OicpStatusCode code = (string)null!; return code; };

        construct.Should().Throw<ArgumentNullException>().WithMessage("*exactly three ASCII digits*");
        convert.Should().Throw<ArgumentNullException>().WithMessage("*exactly three ASCII digits*");
    }
}
