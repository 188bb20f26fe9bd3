namespace Oicp.Client;

/// <summary>One entry of the <c>validationErrors</c> list Hubject sends with an HTTP 400.</summary>
/// <param name="FieldReference">The field Hubject refers to, when given.</param>
/// <param name="ErrorMessage">What is wrong with it, when given.</param>
public sealed record OicpValidationError(string? FieldReference, string? ErrorMessage);
