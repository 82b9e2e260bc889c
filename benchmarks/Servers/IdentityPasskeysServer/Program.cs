// The reference server: ASP.NET Core Identity 10 with its built-in passkeys on SQLite, set up as the .NET 10
// templates do (AddIdentityCore + AddSignInManager + Identity cookies, schema version 3), behind JSON endpoints
// shaped like MapPasskeys() so that one load generator drives both:
//   POST /passkeys/register/options {userName}  -> MakePasskeyCreationOptionsAsync
//   POST /passkeys/register (toJSON())           -> PerformPasskeyAttestationAsync, CreateAsync, AddOrUpdatePasskeyAsync, SignInAsync
//   POST /passkeys/login/options {}              -> MakePasskeyRequestOptionsAsync(null) (discoverable)
//   POST /passkeys/login (toJSON())              -> PasskeySignInAsync
//   dotnet IdentityPasskeysServer.dll --urls http://localhost:5001 --Origin http://localhost:5001 [--ConnectionString "..."] [--CountCommands true]
using System.Data.Common;
using IdentityPasskeysServer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var connectionString = config["ConnectionString"] ?? "Data Source=identity-bench.db";
var origin = config["Origin"] ?? "http://localhost:5001";
var countCommands = config.GetValue("CountCommands", false);
var counter = new CommandCounter();

builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDbContext<IdentityBenchDbContext>(o =>
{
    o.UseSqlite(connectionString);
    if (countCommands)
    {
        o.AddInterceptors(counter);
    }
});
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.AddIdentityCore<IdentityUser>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
    .AddEntityFrameworkStores<IdentityBenchDbContext>()
    .AddSignInManager();
builder.Services.Configure<IdentityPasskeyOptions>(o =>
{
    o.ServerDomain = new Uri(origin).Host;
    o.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && string.Equals(context.Origin, origin, StringComparison.Ordinal));
});

var app = builder.Build();
using (var scope = app.Services.CreateScope())
{
    var context = scope.ServiceProvider.GetRequiredService<IdentityBenchDbContext>();
    if (config.GetValue("Reset", false))
    {
        await context.Database.EnsureDeletedAsync();
    }

    await context.Database.EnsureCreatedAsync();
}

app.UseAuthentication();

var passkeys = app.MapGroup("/passkeys");
passkeys.MapPost("/register/options", async (UserNameBody body, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) =>
{
    if (string.IsNullOrWhiteSpace(body.UserName))
    {
        return Results.Problem(statusCode: 400, title: "invalid_user_name");
    }

    if (await users.FindByNameAsync(body.UserName) is not null)
    {
        return Results.Problem(statusCode: 409, title: "user_exists");
    }

    var json = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
    {
        Id = Guid.NewGuid().ToString(),
        Name = body.UserName,
        DisplayName = body.DisplayName ?? body.UserName,
    });
    return Results.Text(json, "application/json");
});

passkeys.MapPost("/register", async (HttpRequest request, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) =>
{
    var credentialJson = await ReadBodyAsync(request);
    var attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
    if (!attestation.Succeeded)
    {
        return Results.Json(new { verified = false, code = attestation.Failure.Message }, statusCode: 400);
    }

    var user = new IdentityUser { Id = attestation.UserEntity.Id, UserName = attestation.UserEntity.Name };
    var created = await users.CreateAsync(user);
    if (!created.Succeeded)
    {
        return Results.Json(new { verified = false, code = created.Errors.First().Code }, statusCode: 400);
    }

    var added = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
    if (!added.Succeeded)
    {
        return Results.Json(new { verified = false, code = added.Errors.First().Code }, statusCode: 400);
    }

    await signIn.SignInAsync(user, isPersistent: false);
    return Results.Json(new { verified = true, next = "/" });
});

passkeys.MapPost("/login/options", async (SignInManager<IdentityUser> signIn) =>
    Results.Text(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json"));

passkeys.MapPost("/login", async (HttpRequest request, SignInManager<IdentityUser> signIn) =>
{
    var result = await signIn.PasskeySignInAsync(await ReadBodyAsync(request));
    return result.Succeeded
        ? Results.Json(new { verified = true, next = "/" })
        : Results.Json(new { verified = false, code = result.ToString() }, statusCode: 401);
});

app.MapGet("/bench/stats", () => new { allocatedBytes = GC.GetTotalAllocatedBytes(), commands = counter.Count, jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(), gcCommittedBytes = GC.GetGCMemoryInfo().TotalCommittedBytes, ceremonies = -1 });

await app.RunAsync();

static async Task<string> ReadBodyAsync(HttpRequest request)
{
    using var reader = new StreamReader(request.Body);
    return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
}

internal sealed record UserNameBody(string? UserName, string? DisplayName);

internal sealed class CommandCounter : DbCommandInterceptor
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
