using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Passkeys.Engine;

/// <summary>
/// The one strict reading of JSON that comes from a client (request bodies, WebAuthn responses, their
/// <c>clientDataJSON</c>): a single object, at most <see cref="MaxDepth"/> levels deep, no member named twice at any
/// level (compared after unescaping), and every string and member name well-formed UTF-16 after unescaping (no lone
/// or reversed surrogate, escaped or raw), with no comments or trailing commas. Text that passes is safe for
/// <see cref="JsonDocument"/>, <c>JsonNode</c> and the serializer: none of them can throw on it for its encoding or
/// a repeated member.
/// </summary>
internal static class StrictJson
{
    /// <summary>The deepest nesting accepted; a WebAuthn response needs four levels.</summary>
    public const int MaxDepth = 16;

    /// <summary>Options for parsing text that <see cref="Check(ReadOnlySpan{byte}, int)"/> accepted.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks UTF-8 JSON text.</summary>
    /// <param name="utf8Json">The text.</param>
    /// <param name="maxLength">The most bytes accepted.</param>
    /// <returns><see langword="null"/> when the text is one strict JSON object; otherwise a sentence that says why not.</returns>
    public static string? Check(ReadOnlySpan<byte> utf8Json, int maxLength)
    {
        if (utf8Json.Length > maxLength)
        {
            return $"The JSON is longer than {maxLength} bytes.";
        }

        try
        {
            return CheckCore(utf8Json);
        }
        catch (JsonException)
        {
            return $"The JSON is not well formed or is nested deeper than {MaxDepth} levels.";
        }
        catch (InvalidOperationException)
        {
            return "The JSON has a string that is not valid UTF-8 or UTF-16 (a lone surrogate).";
        }
    }

    /// <summary>Checks JSON text given as a string, which may hold lone surrogates a UTF-8 reader never sees.</summary>
    /// <param name="json">The text.</param>
    /// <param name="maxLength">The most UTF-8 bytes accepted.</param>
    /// <param name="utf8Json">The text as UTF-8 when it is accepted; otherwise empty.</param>
    /// <returns><see langword="null"/> when the text is one strict JSON object; otherwise a sentence that says why not.</returns>
    public static string? Check(string? json, int maxLength, out byte[] utf8Json)
    {
        utf8Json = [];
        if (string.IsNullOrEmpty(json))
        {
            return "The JSON is empty.";
        }

        // A UTF-8 encoding is never shorter than the UTF-16 length, so this refuses oversized input before encoding it.
        if (json.Length > maxLength)
        {
            return $"The JSON is longer than {maxLength} bytes.";
        }

        byte[] bytes;
        try
        {
            bytes = Utf8.GetBytes(json);
        }
        catch (EncoderFallbackException)
        {
            return "The JSON text has a lone surrogate.";
        }

        var problem = Check(bytes, maxLength);
        utf8Json = problem is null ? bytes : [];
        return problem;
    }

    private static string? CheckCore(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "The JSON is not an object.";
        }

        // One entry per open object or array, the innermost on top: an object's names, made at its first member.
        var scopes = new Stack<HashSet<string>?>();
        scopes.Push(null);
        var buffer = ArrayPool<char>.Shared.Rent(256);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        scopes.Push(null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        scopes.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Unescape(ref reader, ref buffer).ToString();
                        var names = scopes.Pop() ?? new HashSet<string>(StringComparer.Ordinal);
                        scopes.Push(names);
                        if (!names.Add(name))
                        {
                            return "The JSON names a member twice in one object.";
                        }

                        break;
                    case JsonTokenType.String:
                        _ = Unescape(ref reader, ref buffer);
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        // The reader refuses anything but whitespace after the one top-level value, so reaching here means it closed.
        return null;
    }

    // CopyString transcodes to UTF-16 and throws InvalidOperationException on invalid UTF-8 or an unpaired surrogate.
    private static ReadOnlySpan<char> Unescape(ref Utf8JsonReader reader, ref char[] buffer)
    {
        var needed = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (needed > buffer.Length)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(needed);
        }

        return buffer.AsSpan(0, reader.CopyString(buffer));
    }
}
