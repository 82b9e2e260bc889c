namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Maps between Core's records and the rows; records never carry tracked entities out of a store.
/// </summary>
internal static class PasskeyEntityMapper
{
    // Throws ArgumentException for a name or email the normalizer refuses: the engine never stores one.
    public static string Normalize(string value) => PasskeyNameNormalizer.Normalize(value);

    public static string? NormalizeEmail(string? email) => email is null ? null : PasskeyNameNormalizer.Normalize(email);

    // A lookup of a value the normalizer refuses finds no one.
    public static string? NormalizeForLookup(string value) => PasskeyNameNormalizer.TryNormalize(value, out var normalized) ? normalized : null;

    // The user's rows in the login names table: the name, and the email unless it is the name.
    public static IEnumerable<PasskeyLoginNameEntity> LoginNames(PasskeyUserEntity user)
    {
        yield return new PasskeyLoginNameEntity { NormalizedName = user.NormalizedUserName, UserId = user.Id };
        if (user.NormalizedEmail is not null && user.NormalizedEmail != user.NormalizedUserName)
        {
            yield return new PasskeyLoginNameEntity { NormalizedName = user.NormalizedEmail, UserId = user.Id };
        }
    }

    public static PasskeyUserEntity ToEntity(PasskeyUser user) => new()
    {
        Id = user.Id,
        UserHandle = user.UserHandle.ToArray(),
        UserName = user.UserName,
        NormalizedUserName = Normalize(user.UserName),
        DisplayName = user.DisplayName,
        Email = user.Email,
        NormalizedEmail = NormalizeEmail(user.Email),
        PendingEmail = user.PendingEmail,
        CreatedAt = user.CreatedAt,
        SecurityStamp = user.SecurityStamp,
    };

    public static PasskeyUser ToRecord(PasskeyUserEntity entity) => new(entity.Id, entity.UserHandle, entity.UserName, entity.CreatedAt)
    {
        DisplayName = entity.DisplayName,
        Email = entity.Email,
        PendingEmail = entity.PendingEmail,
        SecurityStamp = entity.SecurityStamp,
    };

    public static PasskeyCredentialEntity ToEntity(PasskeyCredential credential) => new()
    {
        CredentialId = credential.CredentialId.ToArray(),
        UserId = credential.UserId,
        PublicKey = credential.PublicKey.ToArray(),
        SignCount = credential.SignCount,
        Transports = string.Join(',', credential.Transports),
        Aaguid = credential.Aaguid,
        AttestationFormat = credential.AttestationFormat,
        IsBackupEligible = credential.IsBackupEligible,
        IsBackedUp = credential.IsBackedUp,
        IsUserVerified = credential.IsUserVerified,
        CreatedAt = credential.CreatedAt,
        LastUsedAt = credential.LastUsedAt,
        Name = credential.Name,
    };

    public static PasskeyCredential ToRecord(PasskeyCredentialEntity entity) => new(
        entity.CredentialId,
        entity.UserId,
        entity.PublicKey,
        entity.SignCount,
        entity.Aaguid,
        entity.AttestationFormat,
        entity.IsBackupEligible,
        entity.CreatedAt)
    {
        Transports = entity.Transports.Length == 0 ? [] : entity.Transports.Split(','),
        IsBackedUp = entity.IsBackedUp,
        IsUserVerified = entity.IsUserVerified,
        LastUsedAt = entity.LastUsedAt,
        Name = entity.Name,
    };

    public static PasskeyCeremonyEntity ToEntity(PasskeyCeremony ceremony) => new()
    {
        Id = ceremony.Id,
        Kind = ceremony.Kind,
        OptionsJson = ceremony.OptionsJson,
        ExpiresAt = ceremony.ExpiresAt,
        UserId = ceremony.UserId,
        Email = ceremony.Email,
        Origin = ceremony.Origin,
    };

    public static PasskeyCeremony ToRecord(PasskeyCeremonyEntity entity) => new(entity.Id, entity.Kind, entity.OptionsJson, entity.ExpiresAt)
    {
        UserId = entity.UserId,
        Email = entity.Email,
        Origin = entity.Origin,
    };

    public static PasskeyLoginTokenEntity ToEntity(PasskeyLoginToken token) => new()
    {
        TokenHash = token.TokenHash.ToArray(),
        UserId = token.UserId,
        ExpiresAt = token.ExpiresAt,
        BrowserBindingHash = token.BrowserBindingHash?.ToArray(),
    };

    public static PasskeyLoginToken ToRecord(PasskeyLoginTokenEntity entity) => new(entity.TokenHash, entity.UserId, entity.ExpiresAt)
    {
        BrowserBindingHash = entity.BrowserBindingHash,
    };
}
