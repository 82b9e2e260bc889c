using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Email;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Queues the security notices of <c>AddEmailLogin()</c>, when it is added: they are sent after the response.
/// </summary>
internal static class EmailNotices
{
    public static void PasskeyAdded(Microsoft.AspNetCore.Http.HttpContext context, PasskeyCredential credential)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is { } queue
            && services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value.SendPasskeyAddedNotice)
        {
            queue.TryEnqueue(new PasskeyAddedNotice(credential.UserId, credential.Aaguid, credential.CreatedAt));
        }
    }
}
