using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Passkeys.Engine;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Reads request bodies by hand, so the size and media type are checked before a byte is parsed, and every body is
/// read strictly (<see cref="StrictJson"/>) before an endpoint looks at it.
/// </summary>
internal static class JsonBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsJson(string? contentType)
        => MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads the body as UTF-8 text that is one strict JSON object: <c>{}</c> when it is empty and
    /// <paramref name="allowEmpty"/>. Anything else is a 400 <c>malformed_request</c> (413, 415 for size and type).
    /// </summary>
    public static async Task<(string? Text, ProblemHttpResult? Problem)> ReadAsync(HttpContext context, long limit, bool allowEmpty, bool verifyEndpoint)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, PasskeyHttpErrorCodes.UnsupportedMediaType,
                "Send the body as application/json.", verifyEndpoint));
        }

        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit, verifyEndpoint));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(request.Body, limit, context.RequestAborted).ConfigureAwait(false) ?? [];
            if (bytes.Length > limit)
            {
                return (null, TooLarge(limit, verifyEndpoint));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit, verifyEndpoint));
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.Malformed("The body is not UTF-8.", verifyEndpoint));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return allowEmpty ? ("{}", null) : (null, Problems.Malformed("The body is empty.", verifyEndpoint));
        }

        return StrictJson.Check(bytes, (int)Math.Min(limit, int.MaxValue)) is { } malformed
            ? (null, Problems.Malformed("The body must be one JSON object, read strictly: " + malformed, verifyEndpoint))
            : (text, null);
    }

    /// <summary>Parses a body <see cref="ReadAsync"/> gave; anything but an object (never the case) is refused.</summary>
    public static JsonDocument? ParseObject(string text)
    {
        try
        {
            var document = JsonDocument.Parse(text, StrictJson.DocumentOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Refused by the caller.
        }

        return null;
    }

    /// <summary>Reads an optional string member: absent or null is <see langword="null"/>; any other type fails.</summary>
    public static bool TryGetOptionalString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = member.GetString();
        return true;
    }

    private static ProblemHttpResult TooLarge(long limit, bool verifyEndpoint)
        => Problems.Create(StatusCodes.Status413PayloadTooLarge, PasskeyHttpErrorCodes.RequestTooLarge,
            $"The body is larger than {limit} bytes.", verifyEndpoint);

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                // One byte over is enough to refuse; the rest is never read.
                return buffer.ToArray();
            }
        }
    }
}
