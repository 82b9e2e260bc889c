namespace Passkeys.AspNetCore.Endpoints;

/// <summary>Picks the <c>next</c> of an endpoint's answer: the request's local return URL in its normal form, else the configured page.</summary>
internal static class ReturnUrl
{
    /// <summary>
    /// Returns the normal form of <paramref name="returnUrl"/> (or, when the request has none, of its alias
    /// <paramref name="next"/>) when it is local; otherwise that of <paramref name="fallback"/>, which start-up
    /// validation has found local.
    /// </summary>
    public static string Choose(string? returnUrl, string? next, string fallback)
    {
        var candidate = string.IsNullOrEmpty(returnUrl) ? next : returnUrl;
        return PasskeyReturnUrl.Normalize(candidate) ?? PasskeyReturnUrl.Normalize(fallback) ?? "/";
    }
}
