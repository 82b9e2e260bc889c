using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Reads request bodies by hand, so the size and media type are checked before a byte is parsed.
/// </summary>
internal static class JsonBody
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsJson(string? contentType)
        => MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the body as UTF-8 text: <c>{}</c> when it is empty and <paramref name="allowEmpty"/>.</summary>
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

        return (text, null);
    }

    /// <summary>Parses a small JSON object; anything else (arrays, bad JSON, depth over 16) is refused.</summary>
    public static JsonDocument? ParseObject(string text)
    {
        try
        {
            var document = JsonDocument.Parse(text, DocumentOptions);
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
