namespace DemoSite.Infrastructure;

/// <summary>
/// Adds the response headers that keep the pages to their own origin: every script, style, font and image
/// comes from the site itself, so the content security policy can forbid everything else (and inline script).
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // An endpoint that asked for a stricter policy (the email-link ones ask for no-referrer) keeps it.
                headers.TryAdd("Referrer-Policy", "same-origin");
                headers["Permissions-Policy"] = "publickey-credentials-get=(self), publickey-credentials-create=(self)";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
