using System.Text.Json;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Writes an <see cref="EmailWorkItem"/> as an outbox message's kind, lane and JSON payload, and reads it back on
/// whichever node sends it. The kinds are stable codes: a message queued by one version is read by the next.
/// </summary>
internal static class EmailWorkItemJson
{
    /// <summary>Sign-in and verification links: they expire, so they go before notices.</summary>
    public const int LinkLane = 0;

    /// <summary>Notices, after every link.</summary>
    public const int NoticeLane = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> Kinds = new(StringComparer.Ordinal)
    {
        ["sign-in-link"] = typeof(EmailLinkRequest),
        ["verification-link"] = typeof(EmailVerificationRequest),
        ["address-changed"] = typeof(AddressChangedNotice),
        ["passkey-removed"] = typeof(PasskeyRemovedNotice),
        ["link-sign-in"] = typeof(LinkSignInNotice),
        ["passkey-added"] = typeof(PasskeyAddedNotice),
    };

    public static string KindOf(EmailWorkItem item) => Kinds.First(k => k.Value == item.GetType()).Key;

    public static int LaneOf(EmailWorkItem item) => item is EmailLinkRequest or EmailVerificationRequest ? LinkLane : NoticeLane;

    public static string Write(EmailWorkItem item) => JsonSerializer.Serialize(item, item.GetType(), Options);

    /// <summary>Reads a message back; <see langword="null"/> for a kind this version does not know or a payload it cannot read.</summary>
    public static EmailWorkItem? Read(string kind, string payload)
    {
        if (!Kinds.TryGetValue(kind, out var type))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload, type, Options) as EmailWorkItem;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
