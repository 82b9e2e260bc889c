using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// The emails themselves: plain text and simple HTML. Every value from a user or the request is HTML-encoded in the
/// HTML body; the text body has no markup to inject into.
/// </summary>
internal static class PasskeyEmailTemplates
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static PasskeyEmailMessage SignInLink(string to, string displayName, string siteName, string link, TimeSpan lifetime, bool boundToBrowser)
    {
        var minutes = ((int)Math.Round(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        var where = boundToBrowser ? " in the same browser you asked from" : string.Empty;
        var subject = $"Your sign-in link for {siteName}";
        var text =
            $"""
            Hello {displayName},

            Someone, hopefully you, asked to sign in to {siteName} with this email address.
            Open this link{where} within {minutes} minutes to sign in:

            {link}

            The link works once. If you did not ask for it, ignore this email; nobody can use it without access to your mailbox.

            """;
        var html =
            $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p>Hello {Html.Encode(displayName)},</p>
            <p>Someone, hopefully you, asked to sign in to {Html.Encode(siteName)} with this email address.
            Open this link{Html.Encode(where)} within {minutes} minutes to sign in:</p>
            <p><a href="{Html.Encode(link)}">Sign in to {Html.Encode(siteName)}</a></p>
            <p>The link works once. If you did not ask for it, ignore this email; nobody can use it without access to your mailbox.</p>
            </body></html>

            """;
        return new PasskeyEmailMessage(to, subject, text, html);
    }

    public static PasskeyEmailMessage PasskeyAdded(string to, string displayName, string siteName, string? authenticator, DateTimeOffset addedAt)
    {
        // The provider is what the passkey says of itself (its AAGUID, unattested): someone who added a passkey to
        // another person's account could make it read as that person's own provider, so the notice says "reported".
        var device = authenticator is null ? "a new passkey" : "reported as " + authenticator;
        var when = addedAt.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var subject = $"A passkey was added to your {siteName} account";
        var text =
            $"""
            Hello {displayName},

            A passkey was added to your {siteName} account.

            Passkey: {device}
            When: {when}

            If this was you, there is nothing to do. If it was not, sign in, remove the passkey from your account,
            and check who can read your email.

            """;
        var html =
            $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p>Hello {Html.Encode(displayName)},</p>
            <p>A passkey was added to your {Html.Encode(siteName)} account.</p>
            <p>Passkey: <strong>{Html.Encode(device)}</strong><br>When: {Html.Encode(when)}</p>
            <p>If this was you, there is nothing to do. If it was not, sign in, remove the passkey from your account,
            and check who can read your email.</p>
            </body></html>

            """;
        return new PasskeyEmailMessage(to, subject, text, html);
    }

    // Sent to an address nobody has proved yet, so it carries no text the account chose (no display name, no user
    // name, which can read like a host name): the page the link opens names the account before anything is confirmed.
    public static PasskeyEmailMessage VerifyAddress(string to, string siteName, string link, TimeSpan lifetime)
    {
        var hours = lifetime >= TimeSpan.FromHours(1)
            ? ((int)Math.Round(lifetime.TotalHours)).ToString(CultureInfo.InvariantCulture) + " hours"
            : ((int)Math.Round(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " minutes";
        var subject = $"Confirm your email address for {siteName}";
        var text =
            $"""
            Hello,

            An account at {siteName} asked to use this email address. Open this link within {hours}: the page shows
            which account, and confirms only when you press its button, if the account is yours:

            {link}

            Until then the address receives no sign-in links. If the account is not yours, do not confirm: ignore this
            email, and the address stays yours to use.

            """;
        var html =
            $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p>Hello,</p>
            <p>An account at {Html.Encode(siteName)} asked to use this email address. Open this link within {hours}: the
            page shows which account, and confirms only when you press its button, if the account is yours:</p>
            <p><a href="{Html.Encode(link)}">Confirm your address</a></p>
            <p>Until then the address receives no sign-in links. If the account is not yours, do not confirm: ignore this
            email, and the address stays yours to use.</p>
            </body></html>

            """;
        return new PasskeyEmailMessage(to, subject, text, html);
    }

    public static PasskeyEmailMessage AddressChanged(string to, string displayName, string siteName, string newAddress)
    {
        var subject = $"The email address of your {siteName} account was changed";
        var text =
            $"""
            Hello {displayName},

            Your {siteName} account now uses the email address {newAddress} instead of this one. Sign-in links and
            notices go there from now on.

            If this was you, there is nothing to do. If it was not, sign in with your passkey, change the address back,
            sign out your other sessions, and check your passkeys.

            """;
        var html =
            $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p>Hello {Html.Encode(displayName)},</p>
            <p>Your {Html.Encode(siteName)} account now uses the email address <strong>{Html.Encode(newAddress)}</strong> instead
            of this one. Sign-in links and notices go there from now on.</p>
            <p>If this was you, there is nothing to do. If it was not, sign in with your passkey, change the address back,
            sign out your other sessions, and check your passkeys.</p>
            </body></html>

            """;
        return new PasskeyEmailMessage(to, subject, text, html);
    }

    public static PasskeyEmailMessage PasskeyRemoved(string to, string displayName, string siteName, string? passkey, DateTimeOffset removedAt)
        => Notice(to, displayName, $"A passkey was removed from your {siteName} account",
            $"A passkey was removed from your {siteName} account, and every other session of the account was signed out.",
            [("Passkey", passkey ?? "a passkey"), ("When", When(removedAt))],
            "If this was you, there is nothing to do. If it was not, sign in with a passkey you still have, sign out other sessions, check your passkeys and who can read your email.");

    public static PasskeyEmailMessage LinkSignIn(string to, string displayName, string siteName, DateTimeOffset signedInAt)
        => Notice(to, displayName, $"Someone signed in to your {siteName} account with an emailed link",
            $"Someone signed in to your {siteName} account with a sign-in link sent to this address.",
            [("When", When(signedInAt))],
            "If this was you, there is nothing to do. If it was not, someone can read your email: secure your mailbox, then sign in with your passkey, sign out other sessions and check your passkeys.");

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // A notice: what happened, the facts, and what to do if it was not the owner; every value encoded in the HTML.
    private static PasskeyEmailMessage Notice(string to, string displayName, string subject, string what, (string Name, string Value)[] facts, string ifNotYou)
    {
        var textFacts = string.Join('\n', facts.Select(f => $"{f.Name}: {f.Value}"));
        var htmlFacts = string.Join("<br>", facts.Select(f => $"{Html.Encode(f.Name)}: <strong>{Html.Encode(f.Value)}</strong>"));
        var text = $"Hello {displayName},\n\n{what}\n\n{textFacts}\n\n{ifNotYou}\n";
        var html =
            $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p>Hello {Html.Encode(displayName)},</p>
            <p>{Html.Encode(what)}</p>
            <p>{htmlFacts}</p>
            <p>{Html.Encode(ifNotYou)}</p>
            </body></html>

            """;
        return new PasskeyEmailMessage(to, subject, text, html);
    }
}
