using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// Reads <c>clientDataJSON</c> (WebAuthn §5.8.1) with a <see cref="Utf8JsonReader"/>, accepting and refusing
/// exactly what Fido2's deserializer does: one JSON object (or <c>null</c>), case-sensitive member names, unknown
/// members skipped, the last of repeated members winning, strings for <c>type</c>, <c>origin</c> and
/// <c>topOrigin</c>, a boolean for <c>crossOrigin</c>, base64url for <c>challenge</c>, an object for
/// <c>tokenBinding</c>.
/// </summary>
internal static class ClientDataReader
{
    private const int StackBufferSize = 256;

    /// <summary>Reads the client data.</summary>
    /// <returns><see langword="false"/> when the JSON is <c>null</c>.</returns>
    /// <exception cref="JsonException">The JSON is malformed or a member has the wrong type or encoding.</exception>
    public static bool TryRead(ReadOnlySpan<byte> json, ReadOnlySpan<byte> issuedChallenge, OriginMatcher origins, out ClientDataFields fields)
    {
        try
        {
            return TryReadCore(json, issuedChallenge, origins, out fields);
        }
        catch (InvalidOperationException e)
        {
            // The reader reports text it cannot transcode this way; the serializer turns it into a JsonException.
            throw new JsonException(e.Message, e);
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> json, ReadOnlySpan<byte> issuedChallenge, OriginMatcher origins, out ClientDataFields fields)
    {
        fields = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw new JsonException("The client data is empty.");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            EnsureEnd(ref reader);
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The client data is not an object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                fields.Type = ReadType(ref reader);
            }
            else if (reader.ValueTextEquals("challenge"u8))
            {
                reader.Read();
                fields.HasChallenge = reader.TokenType != JsonTokenType.Null;
                fields.ChallengeMatches = fields.HasChallenge && ChallengeMatches(ref reader, issuedChallenge);
            }
            else if (reader.ValueTextEquals("origin"u8))
            {
                reader.Read();
                fields.OriginMatched = reader.TokenType == JsonTokenType.String && origins.MatchesAsWritten(ref reader);
                fields.Origin = fields.OriginMatched ? null : ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("crossOrigin"u8))
            {
                reader.Read();
                fields.CrossOrigin = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new JsonException("crossOrigin is not a boolean."),
                };
            }
            else if (reader.ValueTextEquals("topOrigin"u8))
            {
                reader.Read();
                fields.TopOrigin = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("tokenBinding"u8))
            {
                reader.Read();
                ReadTokenBinding(ref reader, ref fields);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        EnsureEnd(ref reader);
        return true;
    }

    private static ClientDataType ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("webauthn.get"u8))
            {
                return ClientDataType.Get;
            }

            if (reader.ValueTextEquals("webauthn.create"u8))
            {
                return ClientDataType.Create;
            }
        }

        // Still read it: text that is not valid UTF-8 makes the whole client data malformed.
        _ = ReadString(ref reader);
        return ClientDataType.Other;
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException("A client data member is not a string."),
    };

    private static void ReadTokenBinding(ref Utf8JsonReader reader, ref ClientDataFields fields)
    {
        fields.TokenBindingStatus = null;
        fields.TokenBindingId = null;
        fields.HasTokenBinding = reader.TokenType switch
        {
            JsonTokenType.Null => false,
            JsonTokenType.StartObject => true,
            _ => throw new JsonException("tokenBinding is not an object."),
        };

        while (fields.HasTokenBinding && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                fields.TokenBindingStatus = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                fields.TokenBindingId = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    // §7.2 step 12 (first half): the challenge is base64url; a value that is not is malformed JSON to Fido2.
    private static bool ChallengeMatches(ref Utf8JsonReader reader, ReadOnlySpan<byte> issuedChallenge)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            throw new JsonException("challenge is not a string.");
        }

        byte[]? rentedText = null;
        byte[]? rentedBytes = null;
        try
        {
            var escapedLength = reader.ValueIsEscaped ? reader.ValueSpan.Length : 0;
            var unescaped = escapedLength <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rentedText = ArrayPool<byte>.Shared.Rent(escapedLength));
            scoped var text = reader.ValueIsEscaped ? unescaped[..reader.CopyString(unescaped)] : reader.ValueSpan;

            var maxLength = Base64Url.GetMaxDecodedLength(text.Length);
            var decoded = maxLength <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxLength));
            int written;
            if (Base64Url.DecodeFromUtf8(text, decoded, out _, out written) != OperationStatus.Done)
            {
                if (!Base64.IsValid(text) || !Base64UrlConverter.EnableRelaxedDecoding)
                {
                    throw new JsonException("challenge is not base64url.");
                }

                _ = Base64.DecodeFromUtf8(text, decoded, out _, out written);
            }

            return written == issuedChallenge.Length && CryptographicOperations.FixedTimeEquals(decoded[..written], issuedChallenge);
        }
        finally
        {
            if (rentedText is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedText);
            }

            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // The reader itself refuses anything but whitespace after the single top-level value.
        if (reader.Read())
        {
            throw new JsonException("The client data has more than one value.");
        }
    }
}
