namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Maps between Core's records and the rows; records never carry tracked entities out of a store.
/// </summary>
internal static class PasskeyEntityMapper
{
    public static string Normalize(string value) => value.ToUpperInvariant();

    public static string? NormalizeEmail(string? email) => email?.ToUpperInvariant();

    public static PasskeyUserEntity ToEntity(PasskeyUser user) => new()
    {
        Id = user.Id,
        UserHandle = user.UserHandle.ToArray(),
        UserName = user.UserName,
        NormalizedUserName = Normalize(user.UserName),
        DisplayName = user.DisplayName,
        Email = user.Email,
        NormalizedEmail = NormalizeEmail(user.Email),
        CreatedAt = user.CreatedAt,
        SecurityStamp = user.SecurityStamp,
    };

    public static PasskeyUser ToRecord(PasskeyUserEntity entity) => new(entity.Id, entity.UserHandle, entity.UserName, entity.CreatedAt)
    {
        DisplayName = entity.DisplayName,
        Email = entity.Email,
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
    };

    public static PasskeyCeremony ToRecord(PasskeyCeremonyEntity entity) => new(entity.Id, entity.Kind, entity.OptionsJson, entity.ExpiresAt)
    {
        UserId = entity.UserId,
        Email = entity.Email,
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
