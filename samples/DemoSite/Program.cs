using DemoSite.Data;
using DemoSite.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Passkeys;

var builder = WebApplication.CreateBuilder(args);

// appsettings.json says http://localhost:5000, and it is read after ASPNETCORE_URLS, so it would win; read the
// ASPNETCORE_ variables (and the command line, --urls) again on top, so they can move the site elsewhere.
builder.Configuration.AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args);

// Serve the library's _content/ files from the build output in every environment, not only Development,
// so `dotnet run` works as is; a published site has them in its wwwroot and this does nothing.
builder.WebHost.UseStaticWebAssets();

var database = builder.AddDemoDatabase();

// On PostgreSQL every node reads and writes one key ring, in the database, so a cookie from one node works on all.
builder.AddDemoDataProtection(database);
var passkeys = builder.Services.AddPasskeys(builder.Configuration.GetSection("Passkeys"))
    .AddEntityFrameworkStores<DemoDbContext>();

// A SQLite file serves one process, so ceremonies in progress (minutes at most) can stay in its memory, still
// single use: a passkey sign-in then only reads the database. On PostgreSQL the site may run on several nodes, and
// they stay in the shared table, where any node can complete them.
if (database == DatabaseOptions.Sqlite)
{
    passkeys.AddInMemoryCeremonies();
}

passkeys.AddEmailLogin(builder.Configuration.GetSection("Email"));

// Email:PickupDirectory ("mail") beside the app, and a log line for each email written there.
builder.AddDemoEmail();

// Protected pages send a signed-out visitor to the login page, which brings them back after sign-in.
builder.Services.Configure<CookieAuthenticationOptions>(PasskeysDefaults.AuthenticationScheme, options =>
{
    options.LoginPath = "/login";
    options.AccessDeniedPath = "/login";
    options.ReturnUrlParameter = "returnUrl";
});

builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = ".DemoSite.Antiforgery";
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddRazorPages();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
app.UseSecurityHeaders();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapStaticAssets();
app.MapPasskeys();
app.MapRazorPages().WithStaticAssets();

await app.InitializeDemoDatabaseAsync();
app.ReportWhenStarted();
await app.RunAsync();

/// <summary>The site's entry point, public so that tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
