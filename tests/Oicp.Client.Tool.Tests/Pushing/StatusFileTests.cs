namespace Oicp.Client.Tool.Tests.Pushing;

/// <summary>Reading fullLoad files: the CSV and JSON shapes people have, validated per entry.</summary>
public sealed class StatusFileTests : IDisposable
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-statusfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void CSV_with_semicolons_quotes_and_lower_case_is_read_and_normalised()
    {
        var file = Read("a.csv", "\"EvseID\";\"EvseStatus\"\r\n\"de*abc*e1\";\"available\"\r\n", []);

        file.Errors.Should().BeEmpty();
        file.Records.Should().Equal(new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available));
    }

    [Fact]
    public void An_eRoamingPushEvseStatus_body_is_read_as_JSON()
    {
        var file = Read("body.txt", """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseID":"DE*ABC*E1","EvseStatus":"Reserved"}]}}""", []);

        file.Records.Should().Equal(new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Reserved));
    }

    [Fact]
    public void JSON_records_with_a_missing_field_are_named_by_their_position()
    {
        var file = Read("r.json", """[{"EvseID":"DE*ABC*E1","EvseStatus":"Available"},{"EvseID":"DE*ABC*E2"}]""", []);

        file.Errors.Should().ContainSingle().Which.Should().StartWith("record 2: EvseStatus '' of DE*ABC*E2 is not");
    }

    [Fact]
    public void JSON_of_another_shape_cannot_be_read()
    {
        var act = () => Read("x.json", """{"records":[]}""", []);

        act.Should().Throw<InvalidDataException>().WithMessage("*array of {\"EvseID\"*");
    }

    [Fact]
    public void EVSEs_of_a_configured_sub_operator_are_accepted()
    {
        var file = Read("hub.csv", "DE*SUB*E1,Occupied\n", [OperatorId.Parse("DE*SUB")]);

        file.Errors.Should().BeEmpty();
        file.Records.Should().ContainSingle();
    }

    private StatusFile Read(string name, string content, OperatorId[] subOperators)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return StatusFile.Read(path, Abc, subOperators);
    }
}
