namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Marks an endpoint that verifies a ceremony response, whose problem details carry <c>verified: false</c>.
/// </summary>
internal sealed class VerifyEndpointMetadata
{
    public static readonly VerifyEndpointMetadata Instance = new();
}
