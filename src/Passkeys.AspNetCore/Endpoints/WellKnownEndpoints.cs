using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Maps the well-known documents that have something configured, outside the passkey group (they are public,
/// fetched by browsers and operating systems without cookies), as cacheable <c>application/json</c>.
/// </summary>
internal static class WellKnownEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, PasskeyOptions options, PasskeyHttpOptions http)
    {
        Map(endpoints, "/.well-known/webauthn", "PasskeysRelatedOrigins", WellKnownDocuments.RelatedOrigins(options));
        Map(endpoints, "/.well-known/assetlinks.json", "PasskeysAssetLinks", WellKnownDocuments.AssetLinks(http));
        Map(endpoints, "/.well-known/apple-app-site-association", "PasskeysAppleAppSiteAssociation", WellKnownDocuments.AppleAppSiteAssociation(http));
        Map(endpoints, "/.well-known/passkey-endpoints", "PasskeysEndpoints", WellKnownDocuments.PasskeyEndpoints(http));
    }

    private static void Map(IEndpointRouteBuilder endpoints, string path, string name, byte[]? document)
    {
        if (document is null)
        {
            return;
        }

        endpoints.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=3600";
                return TypedResults.Bytes(document, "application/json");
            })
            .WithName(name)
            .ExcludeFromDescription();
    }
}
