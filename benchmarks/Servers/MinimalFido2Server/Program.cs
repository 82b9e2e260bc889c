// The floor: a minimal hand-written Fido2 4.3.2 endpoint with in-memory dictionaries, no database, no validation
// beyond Fido2's own, and a cookie sign-in at the end (every server in the comparison issues a session cookie).
// Same JSON shape as MapPasskeys():
//   POST /passkeys/register/options {userName}, POST /passkeys/register, POST /passkeys/login/options, POST /passkeys/login
//   dotnet MinimalFido2Server.dll --urls http://localhost:5002 --Origin http://localhost:5002
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = WebApplication.CreateBuilder(args);
var origin = builder.Configuration["Origin"] ?? "http://localhost:5002";
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<IFido2>(new Fido2(new Fido2Configuration
{
    RPID = new Uri(origin).Host,
    RPName = "Minimal Fido2",
    Origins = new HashSet<string> { origin },
    ChallengeSize = 32,
}));
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();

var app = builder.Build();
var ceremonies = new ConcurrentDictionary<string, object>();
var credentials = new ConcurrentDictionary<string, StoredCredential>();
var userNames = new ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
const string CeremonyCookie = "ceremony";

string NewCeremony(HttpContext context, object options)
{
    var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
    ceremonies[id] = options;
    context.Response.Cookies.Append(CeremonyCookie, id, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
    return id;
}

T? TakeCeremony<T>(HttpContext context)
    where T : class
    => context.Request.Cookies[CeremonyCookie] is { } id && ceremonies.TryRemove(id, out var options) ? options as T : null;

static Task SignInAsync(HttpContext context, string userName)
    => context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], CookieAuthenticationDefaults.AuthenticationScheme)));

var passkeys = app.MapGroup("/passkeys");
passkeys.MapPost("/register/options", (UserNameBody body, HttpContext context, IFido2 fido2) =>
{
    if (string.IsNullOrWhiteSpace(body.UserName) || userNames.ContainsKey(body.UserName))
    {
        return Results.Problem(statusCode: 409, title: "user_exists");
    }

    var options = fido2.RequestNewCredential(new RequestNewCredentialParams
    {
        User = new Fido2User { Id = RandomNumberGenerator.GetBytes(32), Name = body.UserName, DisplayName = body.UserName },
        ExcludeCredentials = [],
        AuthenticatorSelection = new AuthenticatorSelection
        {
            ResidentKey = ResidentKeyRequirement.Required,
            UserVerification = UserVerificationRequirement.Required,
        },
        AttestationPreference = AttestationConveyancePreference.None,
        PubKeyCredParams = [PubKeyCredParam.ES256, PubKeyCredParam.RS256],
    });
    NewCeremony(context, options);
    return Results.Text(options.ToJson(), "application/json");
});

passkeys.MapPost("/register", async (HttpContext context, IFido2 fido2) =>
{
    var response = await JsonSerializer.DeserializeAsync<AuthenticatorAttestationRawResponse>(context.Request.Body, cancellationToken: context.RequestAborted);
    if (response is null || TakeCeremony<CredentialCreateOptions>(context) is not { } options)
    {
        return Results.Json(new { verified = false, code = "challenge_not_found" }, statusCode: 400);
    }

    try
    {
        var credential = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
        {
            AttestationResponse = response,
            OriginalOptions = options,
            IsCredentialIdUniqueToUserCallback = (args, _) => Task.FromResult(!credentials.ContainsKey(Convert.ToBase64String(args.CredentialId))),
        }, context.RequestAborted);
        if (!userNames.TryAdd(options.User.Name, 0))
        {
            return Results.Json(new { verified = false, code = "user_exists" }, statusCode: 400);
        }

        credentials[Convert.ToBase64String(credential.Id)] = new StoredCredential(options.User.Name, options.User.Id, credential.PublicKey, credential.SignCount);
        await SignInAsync(context, options.User.Name);
        return Results.Json(new { verified = true, next = "/" });
    }
    catch (Fido2VerificationException e)
    {
        return Results.Json(new { verified = false, code = e.Code.ToString() }, statusCode: 400);
    }
});

passkeys.MapPost("/login/options", (HttpContext context, IFido2 fido2) =>
{
    var options = fido2.GetAssertionOptions(new GetAssertionOptionsParams
    {
        AllowedCredentials = [],
        UserVerification = UserVerificationRequirement.Required,
    });
    NewCeremony(context, options);
    return Results.Text(options.ToJson(), "application/json");
});

passkeys.MapPost("/login", async (HttpContext context, IFido2 fido2) =>
{
    var response = await JsonSerializer.DeserializeAsync<AuthenticatorAssertionRawResponse>(context.Request.Body, cancellationToken: context.RequestAborted);
    if (response is null || TakeCeremony<AssertionOptions>(context) is not { } options)
    {
        return Results.Json(new { verified = false, code = "challenge_not_found" }, statusCode: 401);
    }

    var key = Convert.ToBase64String(response.RawId);
    if (!credentials.TryGetValue(key, out var stored))
    {
        return Results.Json(new { verified = false, code = "unknown_credential" }, statusCode: 401);
    }

    try
    {
        var result = await fido2.MakeAssertionAsync(new MakeAssertionParams
        {
            AssertionResponse = response,
            OriginalOptions = options,
            StoredPublicKey = stored.PublicKey,
            StoredSignatureCounter = stored.SignCount,
            IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle.AsSpan().SequenceEqual(stored.UserHandle)),
        }, context.RequestAborted);
        credentials[key] = stored with { SignCount = result.SignCount };
        await SignInAsync(context, stored.UserName);
        return Results.Json(new { verified = true, next = "/" });
    }
    catch (Fido2VerificationException e)
    {
        return Results.Json(new { verified = false, code = e.Code.ToString() }, statusCode: 401);
    }
});

app.MapGet("/bench/stats", () => new { allocatedBytes = GC.GetTotalAllocatedBytes(), commands = 0, jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(), gcCommittedBytes = GC.GetGCMemoryInfo().TotalCommittedBytes, ceremonies = ceremonies.Count });

await app.RunAsync();

internal sealed record UserNameBody(string? UserName, string? DisplayName);

internal sealed record StoredCredential(string UserName, byte[] UserHandle, byte[] PublicKey, uint SignCount);
