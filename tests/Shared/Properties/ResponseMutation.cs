using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Passkeys.Tests.Properties;

/// <summary>
/// One generated change to a valid WebAuthn response (as <c>SoftwareAuthenticator</c> makes it): a member given a
/// value of another type or base64url junk, removed or named twice, a member added, the text truncated or a character
/// flipped, a byte flipped or the end cut off inside a base64url field, or <c>clientDataJSON</c> given a member.
/// The change is a value, so it prints, and is applied to each ceremony's own fresh response.
/// </summary>
internal sealed record ResponseMutation(ResponseMutation.Change What, int Target, int Position, byte Mask, string Text)
{
    public enum Change
    {
        ReplaceValue,
        RemoveMember,
        RepeatMember,
        AddMember,
        Truncate,
        FlipCharacter,
        FlipDecodedByte,
        TruncateDecoded,
        AddClientDataMember,
    }

    private const string Slot = "__mutation_slot__";

    private static readonly string[] Base64UrlFields = ["rawId", "clientDataJSON", "authenticatorData", "attestationObject", "signature", "userHandle", "publicKey"];

    private static readonly string[] ClientDataNames = ["type", "challenge", "origin", "crossOrigin", "topOrigin", "tokenBinding", "other"];

    public static readonly Gen<ResponseMutation> Gen = CsCheck.Gen.Select(
        CsCheck.Gen.Enum<Change>(),
        CsCheck.Gen.Int.Positive,
        CsCheck.Gen.Int.Positive,
        CsCheck.Gen.Byte[1, 255],
        CsCheck.Gen.Frequency((3, JsonText.Value), (2, JsonText.Base64UrlJunk.Select(j => "\"" + j + "\""))),
        (what, target, position, mask, text) => new ResponseMutation(what, target, position, mask, text));

    /// <summary>Applies the change to <paramref name="json"/>; the result may hold lone surrogates.</summary>
    public string Apply(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var targets = JsonTree.Places(root).ToList();
        var (parent, key) = targets[Target % targets.Count];
        switch (What)
        {
            case Change.ReplaceValue:
                JsonTree.Set(parent, key, Slot);
                return Fill(root, Text);
            case Change.RemoveMember:
                JsonTree.Remove(parent, key);
                return root.ToJsonString();
            case Change.RepeatMember:
                var (owner, name) = targets.Where(t => t.Parent is JsonObject).Select(t => ((JsonObject)t.Parent, (string)t.Key)).ElementAt(Target % targets.Count(t => t.Parent is JsonObject));
                var original = owner[name]?.ToJsonString() ?? "null";
                owner[name] = Slot;
                return Fill(root, original + ",\"" + name + "\":" + (Position % 2 == 0 ? original : Text));
            case Change.AddMember:
                return "{\"" + JsonText.KnownNames[Position % JsonText.KnownNames.Length] + "\":" + Text + "," + json[1..];
            case Change.Truncate:
                return json[..(Position % json.Length)];
            case Change.FlipCharacter:
                var chars = json.ToCharArray();
                chars[Position % chars.Length] ^= (char)Mask;
                return new string(chars);
            case Change.FlipDecodedByte:
            case Change.TruncateDecoded:
                return EditBase64Url(root, Base64UrlFields[Target % Base64UrlFields.Length], bytes => What == Change.TruncateDecoded
                    ? bytes[..(Position % (bytes.Length + 1))]
                    : JsonText.Flip(bytes, Position, Mask));
            default:
                return EditBase64Url(root, "clientDataJSON", bytes => JsonText.Encode(
                    "{\"" + ClientDataNames[Position % ClientDataNames.Length] + "\":" + Text + "," + Encoding.UTF8.GetString(bytes)[1..]));
        }
    }

    private static string EditBase64Url(JsonObject root, string field, Func<byte[], byte[]> edit)
    {
        var holder = root.ContainsKey(field) ? root : root["response"]!.AsObject();
        if (holder[field] is JsonValue value && value.TryGetValue<string>(out var text) && Base64Url.IsValid(text))
        {
            holder[field] = Base64Url.EncodeToString(edit(Base64Url.DecodeFromChars(text)));
        }

        return root.ToJsonString();
    }

    private static string Fill(JsonObject root, string text) => root.ToJsonString().Replace("\"" + Slot + "\"", text, StringComparison.Ordinal);
}
