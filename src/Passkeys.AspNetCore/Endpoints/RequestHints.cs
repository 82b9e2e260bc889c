using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Engine;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// The optional <c>hints</c> member of an options request (<c>["security-key", "client-device", "hybrid"]</c>, most
/// preferred first): it replaces <see cref="PasskeyOptions.Hints"/> for this ceremony through
/// <see cref="PasskeyClientContext.Hints"/>. Absent or null keeps the configured hints; <c>[]</c> sends none.
/// </summary>
internal static class RequestHints
{
    // Three hints exist; a few more members still get the sentence that names the wrong one.
    private const int MaxCount = 8;

    /// <summary>Reads <c>hints</c> into the request's <see cref="PasskeyClientContext"/>. Returns the problem to answer, or <see langword="null"/>.</summary>
    public static ProblemHttpResult? Apply(HttpContext context, JsonElement root)
    {
        if (!root.TryGetProperty("hints", out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (member.ValueKind != JsonValueKind.Array || member.GetArrayLength() > MaxCount
            || member.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, PasskeyHttpErrorCodes.InvalidHint,
                $"hints must be an array of at most {MaxCount} strings.");
        }

        var names = member.EnumerateArray().Select(e => e.GetString()!).ToArray();
        if (PasskeyHints.TryParse(names, out _) is { } problem)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, PasskeyHttpErrorCodes.InvalidHint, problem);
        }

        context.RequestServices.GetRequiredService<PasskeyClientContext>().Hints = names;
        return null;
    }
}
