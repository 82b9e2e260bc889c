using Microsoft.AspNetCore.DataProtection;

namespace DemoSite.Data;

/// <summary>
/// Where the data-protection key ring lives (the keys that protect the session, remembered-user and email binding
/// cookies): in the database on PostgreSQL, where several nodes serve one site and each must read the others'
/// cookies; in the default place (a folder of the user's profile) on SQLite, one process. <c>DataProtection:KeysInDatabase</c>
/// overrides the choice.
/// </summary>
internal static class DataProtectionSetup
{
    /// <summary>The application name every node shares, so that they read one another's protected payloads.</summary>
    public const string ApplicationName = "Passkeys.DemoSite";

    public static void AddDemoDataProtection(this WebApplicationBuilder builder, string provider)
    {
        var inDatabase = builder.Configuration.GetValue<bool?>("DataProtection:KeysInDatabase") ?? provider == DatabaseOptions.Npgsql;
        if (inDatabase)
        {
            builder.Services.AddDataProtection()
                .SetApplicationName(ApplicationName)
                .PersistKeysToDbContext<DemoDbContext>();
        }
    }
}
