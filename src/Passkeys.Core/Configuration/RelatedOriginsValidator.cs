using Passkeys.Engine;

namespace Passkeys.Configuration;

/// <summary>
/// Validates <see cref="PasskeyOptions.RelatedOrigins"/>: web origins outside the relying party id, each once, of
/// at most 5 origin labels (WebAuthn L3 §5.11.1: a browser ignores origins past the fifth label, so they could
/// never sign in).
/// </summary>
internal static class RelatedOriginsValidator
{
    public const int MaxLabels = 5;

    public static void Validate(PasskeyOptions options, List<string> failures)
    {
        var rpId = options.RelyingPartyId;
        var seen = new List<string>();
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var origin in options.RelatedOrigins)
        {
            if (origin is null)
            {
                failures.Add("Passkeys:RelatedOrigins has an empty entry; remove it.");
                continue;
            }

            if (OriginRules.WebOriginProblem(origin, "RelatedOrigins", out var uri) is { } problem)
            {
                failures.Add(problem);
                continue;
            }

            if (!string.IsNullOrWhiteSpace(rpId) && OriginRules.IsWithin(uri!.Host, rpId))
            {
                failures.Add($"Passkeys:RelatedOrigins has '{origin}', whose host is '{rpId}' or a subdomain of it; list it in Passkeys:Origins instead.");
                continue;
            }

            if (seen.Exists(o => CeremonyOrigins.Same(o, origin)) || options.Origins.Any(o => o is not null && CeremonyOrigins.Same(o, origin)))
            {
                failures.Add($"Passkeys:RelatedOrigins has '{origin}' twice (or also in Passkeys:Origins); list each origin once.");
                continue;
            }

            seen.Add(origin);
            if (OriginRules.RegistrableLabel(uri!) is { } label)
            {
                labels.Add(label);
            }
        }

        if (labels.Count > MaxLabels)
        {
            failures.Add($"Passkeys:RelatedOrigins spans {labels.Count} site names ({string.Join(", ", labels.Order(StringComparer.Ordinal))}); "
                + $"browsers accept origins of at most {MaxLabels} (WebAuthn §5.11.1) and ignore the rest, so those could never sign in. Keep {MaxLabels} or fewer.");
        }
    }
}
