using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Transport;

/// <summary>
/// Our side of the client NSwag generates from openapi/oicp-evse-status.yaml: its serializer options (the
/// source-generated metadata and the wire converters of the public enums) and how the OperatorID is written in
/// the path; the request body is a <see cref="PooledJsonContent"/> (see openapi/templates/Client.Class.liquid). The protocol itself (URL, body, status codes, typed answers and faults) is the generated code's.
/// </summary>
/// <remarks>
/// NSwag's templates call the <see cref="JsonSerializerOptions"/> overloads of System.Text.Json, which the trimming and
/// AOT analyzers flag because, in general, they may need reflection. Ours never do: the options carry the
/// source-generated <see cref="OicpJsonContext"/> and reflection-based serialization is off for the library
/// (<c>JsonSerializerIsReflectionEnabledByDefault</c>), so a type without generated metadata fails loudly instead of
/// being reflected over. <c>ConvertToString</c>'s enum branch reflects over fields, but the operation's only parameter
/// is a string. The NativeAOT smoke run (.ci/aot-smoke.sh) pushes through this client as a native binary.
/// </remarks>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Source-generated metadata only; see the remarks.")]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Source-generated metadata only; see the remarks.")]
[UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "ConvertToString is only called with strings; see the remarks.")]
internal partial class OicpGeneratedClient
{
    /// <summary>The characters an OperatorID may have that stay literal in the path: RFC 3986's unreserved ones, '*' and '+'.</summary>
    private static readonly SearchValues<char> LiteralInPath = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~*+");

    private readonly bool _percentEncodeOperatorId;
    private readonly RequestUriCache _requestUris;

    /// <param name="httpClient">Sends the request.</param>
    /// <param name="percentEncodeOperatorId">Whether <c>*</c> and <c>+</c> of the OperatorID are percent-encoded in the path.</param>
    /// <param name="requestUris">The pusher's request URIs, kept from one push to the next (see <see cref="RequestUriCache"/>).</param>
    public OicpGeneratedClient(HttpClient httpClient, bool percentEncodeOperatorId, RequestUriCache requestUris)
        : this(httpClient)
    {
        _percentEncodeOperatorId = percentEncodeOperatorId;
        _requestUris = requestUris;
    }

    /// <summary>Gets the serializer options every generated client uses.</summary>
    internal static JsonSerializerOptions SerializerOptions => _settings.Value;

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        settings.TypeInfoResolver = OicpJsonContext.Default
            .WithAddedModifier(UseTheTypesConverters)
            .WithAddedModifier(AcknowledgmentContract.Apply);
    }

    /// <summary>
    /// NSwag puts <see cref="JsonStringEnumConverter{TEnum}"/> on every enum property, which would write <c>FullLoad</c>
    /// where OICP wants <c>fullLoad</c>; the public enums carry converters with the exact wire spellings, so the
    /// property-level override is dropped.
    /// </summary>
    private static void UseTheTypesConverters(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(ActionType) || property.PropertyType == typeof(EvseStatus))
            {
                property.CustomConverter = null;
            }
        }
    }

    /// <summary>
    /// Writes the OperatorID into the path (the override of the path parameter template): escaped like any path segment, except that
    /// <c>*</c> and <c>+</c> stay literal, as in Hubject's examples, unless percent-encoding was asked for.
    /// </summary>
    private void AppendOperatorId(StringBuilder urlBuilder, string operatorId)
    {
        if (!_percentEncodeOperatorId && !operatorId.AsSpan().ContainsAnyExcept(LiteralInPath))
        {
            // A valid OperatorID (letters, digits, '*', '+') is written as it is, without the two strings escaping makes per push.
            urlBuilder.Append(operatorId);
            return;
        }

        var escaped = Uri.EscapeDataString(operatorId);
        urlBuilder.Append(_percentEncodeOperatorId ? escaped : escaped.Replace("%2A", "*", StringComparison.Ordinal).Replace("%2B", "+", StringComparison.Ordinal));
    }
}

/// <summary>
/// The request of one pusher's last push: its path, built by NSwag's code, and that path resolved against the client's
/// base address, handed back while the base address (the same instance) and the path parameter stay the same. Building
/// the path and resolving it otherwise cost a <see cref="StringBuilder"/>, a string and two parsed <see cref="Uri"/>s per
/// push (openapi/templates/Client.Class.liquid, change 4). Thread-safe: the entry is replaced whole.
/// </summary>
internal sealed class RequestUriCache
{
    private Entry? _last;

    /// <summary>Finds the request of the last push, when the base address and the path parameter are still the same.</summary>
    public bool TryGet(Uri? baseAddress, string pathParameter, [NotNullWhen(true)] out Uri? uri, [NotNullWhen(true)] out string? path)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.BaseAddress, baseAddress) && string.Equals(last.PathParameter, pathParameter, StringComparison.Ordinal))
        {
            (uri, path) = (last.Uri, last.Path);
            return true;
        }

        (uri, path) = (null, null);
        return false;
    }

    /// <summary>Resolves a path built for <paramref name="pathParameter"/> against the base address, and keeps both.</summary>
    public Uri Add(Uri? baseAddress, string pathParameter, string path)
    {
        var uri = baseAddress is null ? new Uri(path, UriKind.RelativeOrAbsolute) : new Uri(baseAddress, path);
        _last = new Entry(baseAddress, pathParameter, path, uri);
        return uri;
    }

    private sealed record Entry(Uri? BaseAddress, string PathParameter, string Path, Uri Uri);
}

/// <summary>Source-generated serialization metadata for every type the generated client reads or writes.</summary>
[JsonSerializable(typeof(PushEvseStatusRequest))]
[JsonSerializable(typeof(Acknowledgment))]
[JsonSerializable(typeof(ValidationFault))]
internal sealed partial class OicpJsonContext : JsonSerializerContext;
