namespace Oicp.Client.Tests.Results;

public sealed class OicpStatusCodeTests
{
    [Fact]
    public void All_31_codes_of_OICP_2_3_are_known_with_their_descriptions()
    {
        OicpStatusCode.KnownCodes.Select(code => code.Code).Should().Equal(
            "000", "001", "002", "009", "017", "018", "019", "021", "022", "101", "102", "103", "105", "106", "110",
            "120", "121", "122", "200", "210", "300", "310", "320", "400", "501", "510", "601", "602", "603", "604", "700");
        OicpStatusCode.KnownCodes.Should().OnlyContain(code => code.IsKnown && code.Description != null);
        OicpStatusCode.UnauthorizedAccess.Description.Should().Be("Unauthorized Access");
        OicpStatusCode.InconsistentEvseId.Description.Should().Be("Inconsistent EvseID");
    }

    [Theory]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("009")]
    [InlineData("021")]
    [InlineData("310")]
    [InlineData("320")]
    public void Transient_codes_are_worth_retrying(string code)
    {
        var status = new OicpStatusCode(code);

        status.IsTransient.Should().BeTrue();
        status.IsPermanent.Should().BeFalse();
        status.IsSuccess.Should().BeFalse();
    }

    [Theory]
    [InlineData("017")]
    [InlineData("018")]
    [InlineData("019")]
    [InlineData("022")]
    [InlineData("210")]
    [InlineData("300")]
    [InlineData("603")]
    [InlineData("604")]
    [InlineData("999")]
    public void Other_failure_codes_are_permanent(string code)
    {
        var status = new OicpStatusCode(code);

        status.IsPermanent.Should().BeTrue();
        status.IsTransient.Should().BeFalse();
    }

    [Fact]
    public void Only_000_is_success()
    {
        OicpStatusCode.Success.IsSuccess.Should().BeTrue();
        OicpStatusCode.Success.IsPermanent.Should().BeFalse();
        OicpStatusCode.KnownCodes.Where(code => code.IsSuccess).Should().ContainSingle();
    }

    [Fact]
    public void Unknown_codes_are_kept_as_they_came()
    {
        var status = new OicpStatusCode("042");

        status.Code.Should().Be("042");
        status.IsKnown.Should().BeFalse();
        status.Description.Should().BeNull();
        status.ToString().Should().Be("042");
        status.Should().Be(new OicpStatusCode("042"));
        (status == OicpStatusCode.Success).Should().BeFalse();
        (status != OicpStatusCode.Success).Should().BeTrue();
    }

    [Fact]
    public void Default_value_is_an_empty_unknown_code()
    {
        var status = default(OicpStatusCode);

        status.Code.Should().BeEmpty();
        status.IsKnown.Should().BeFalse();
        status.IsSuccess.Should().BeFalse();
        status.ToString().Should().BeEmpty();
    }
}
