using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace DemoSite.Infrastructure;

/// <summary>
/// The toasts a page can be asked to show after a redirect, by key: through TempData after a form post, or a
/// <c>?toast=</c> flag after a passkey ceremony in the browser. Only these keys are shown, so a link can never
/// put words of its own on the page.
/// </summary>
public static class Toasts
{
    public const string QueryKey = "toast";

    private const string TempDataKey = "Toast";

    private static readonly Dictionary<string, Toast> Known = new(StringComparer.Ordinal)
    {
        ["signed-up"] = new("success", "Setup complete: your account and its passkey are ready."),
        ["signed-up-verify"] = new("success", "Setup complete: your account and its passkey are ready. We sent a link to your email address: open it to verify the address."),
        ["signed-in"] = new("success", "You are signed in."),
        ["signed-out"] = new("success", "You are signed out. This device still remembers you."),
        ["device-added"] = new("success", "This device is set up: next time, sign in with its passkey."),
        ["account-deleted"] = new("success", "Your account is deleted, and you are signed out everywhere. You can remove its passkeys from your devices."),
        ["account-missing"] = new("warning", "That account no longer exists. Please sign in again."),
    };

    public static void Show(ITempDataDictionary tempData, string key)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        if (!Known.ContainsKey(key))
        {
            throw new ArgumentException($"'{key}' is not a known toast.", nameof(key));
        }

        tempData[TempDataKey] = key;
    }

    /// <summary>The toasts for this request: the one carried in TempData, then the one named by the query flag.</summary>
    public static IEnumerable<Toast> For(HttpContext context, ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tempData);
        var keys = new List<string>();
        if (tempData[TempDataKey] is string carried)
        {
            keys.Add(carried);
        }

        keys.AddRange(context.Request.Query[QueryKey].OfType<string>());
        return keys.Distinct(StringComparer.Ordinal).Select(k => Known.GetValueOrDefault(k)).OfType<Toast>();
    }
}
