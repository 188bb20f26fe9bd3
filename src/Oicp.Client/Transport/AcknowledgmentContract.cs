using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Transport;

/// <summary>
/// The members of an acknowledgement that decide success (<c>Result</c>, <c>StatusCode</c>, <c>StatusCode.Code</c>)
/// must be there, once. The generated DTO would read a missing <c>Result</c> as <see langword="false"/> (a
/// "rejection" with code 000) and, as System.Text.Json keeps the last of repeated members, read
/// <c>{"Result":false,"Result":true,...}</c> as a success: both mean nothing, so both become unreadable answers.
/// </summary>
internal static class AcknowledgmentContract
{
    private const int ResultMember = 1;

    /// <summary>A <see cref="JsonTypeInfo"/> modifier for the generated client's serializer options.</summary>
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(Acknowledgment))
        {
            foreach (var property in typeInfo.Properties)
            {
                switch (property.Name)
                {
                    case "Result":
                        RefuseRepeats(property, ResultMember);
                        break;
                    case "StatusCode":
                        RefuseRepeats(property, 2);
                        break;
                }
            }

            // Checked from the bits rather than with JsonPropertyInfo.IsRequired, which allocates a tracking array per answer.
            typeInfo.OnDeserialized = static acknowledgment =>
            {
                if ((((IReadMembers)acknowledgment).ReadMembers & ResultMember) == 0)
                {
                    throw new JsonException("The acknowledgement has no 'Result', so success cannot be confirmed.");
                }
            };
        }
        else if (typeInfo.Type == typeof(StatusCode))
        {
            foreach (var property in typeInfo.Properties)
            {
                if (property.Name == "Code")
                {
                    RefuseRepeats(property, 1);
                }
            }
        }
    }

    private static void RefuseRepeats(JsonPropertyInfo property, int member)
    {
        var set = property.Set ?? throw new InvalidOperationException($"The generated '{property.Name}' has no setter.");
        var name = property.Name;
        property.Set = (target, value) =>
        {
            var read = (IReadMembers)target;
            if ((read.ReadMembers & member) != 0)
            {
                throw new JsonException($"'{name}' appears more than once, so the acknowledgement is ambiguous.");
            }

            read.ReadMembers |= member;
            set(target, value);
        };
    }
}

/// <summary>Which of a DTO's deciding members were read, one bit each (see <see cref="AcknowledgmentContract"/>).</summary>
internal interface IReadMembers
{
    int ReadMembers { get; set; }
}

/// <summary>The generated acknowledgement, with the members read so far.</summary>
internal partial class Acknowledgment : IReadMembers
{
    int IReadMembers.ReadMembers { get; set; }
}

/// <summary>The generated status code, with the members read so far.</summary>
internal partial class StatusCode : IReadMembers
{
    int IReadMembers.ReadMembers { get; set; }
}
