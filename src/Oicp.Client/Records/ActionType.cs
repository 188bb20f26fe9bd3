using System.Text.Json.Serialization;
using Oicp.Client.Records.Internal;

namespace Oicp.Client;

/// <summary>How Hubject applies the records of a push. On the wire the values are spelled <c>fullLoad</c>, <c>update</c>, <c>insert</c> and <c>delete</c>.</summary>
[JsonConverter(typeof(ActionTypeJsonConverter))]
public enum ActionType
{
    /// <summary>Replaces the operator's whole set of status records; an empty request deletes them all (wire value <c>fullLoad</c>).</summary>
    FullLoad = 0,

    /// <summary>Changes existing records; the whole request is rejected if one of them does not exist (wire value <c>update</c>).</summary>
    Update = 1,

    /// <summary>Adds records; the whole request is rejected if one of them already exists (wire value <c>insert</c>).</summary>
    Insert = 2,

    /// <summary>Removes records (wire value <c>delete</c>).</summary>
    Delete = 3,
}
