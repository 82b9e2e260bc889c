using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdentityPasskeysServer;

/// <summary>The Identity template's context; schema version 3 adds the passkeys table.</summary>
public sealed class IdentityBenchDbContext(DbContextOptions<IdentityBenchDbContext> options) : IdentityDbContext<IdentityUser>(options);
