using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Passkeys.Testing;

namespace Passkeys.Fuzz.Targets;

/// <summary>
/// <c>json-body</c>: the first byte picks an endpoint that reads a JSON body, the second a Content-Type, the rest
/// is the body, sent over HTTP to an app with <c>MapPasskeys()</c> (verify endpoints after their options request, so
/// the ceremony cookie is there). Never a 5xx; every 4xx is problem details with a <c>code</c>.
/// </summary>
/// <remarks>
/// The target goes through HTTP only, so it holds whatever reads the body (<c>JsonBody</c>, <c>ResponseParser</c>,
/// or what replaces them) to the contract of docs/http-api.md, not to their internals.
/// </remarks>
public sealed class JsonBodyTarget : IFuzzTarget
{
    private static readonly (string Path, string? OptionsPath, string OptionsBody)[] Endpoints =
    [
        ("/passkeys/login/options", null, string.Empty),
        ("/passkeys/login", "/passkeys/login/options", "{}"),
        ("/passkeys/register/options", null, string.Empty),
        ("/passkeys/register", "/passkeys/register/options", """{"userName":"fuzz"}"""),
        ("/passkeys/email-login", null, string.Empty),
        ("/passkeys/email-login/peek", null, string.Empty),
        ("/passkeys/email-login/confirm", null, string.Empty),
        ("/passkeys/credentials/options", null, string.Empty),
    ];

    private static readonly string?[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", null, "text/plain", "application/json; charset=iso-8859-1", "APPLICATION/JSON"];

    public string Name => "json-body";

    public void Run(ReadOnlySpan<byte> input)
    {
        var reader = new FuzzInput(input);
        var (path, optionsPath, optionsBody) = Endpoints[reader.Byte() % Endpoints.Length];
        var contentType = ContentTypes[reader.Byte() % ContentTypes.Length];
        var body = reader.Rest();

        var client = BodyHost.Client;
        BodyHost.Time.Advance(TimeSpan.FromMinutes(10));
        string? cookie = null;
        if (optionsPath is not null)
        {
            using var options = Send(client, optionsPath, Encoding.UTF8.GetBytes(optionsBody), "application/json", null);
            cookie = string.Join("; ", options.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);
        }

        using var response = Send(client, path, body, contentType, cookie);
        Check(path, response);
    }

    public IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        string[] bodies =
        [
            "{}", """{"userName":"alice"}""", """{"userName":"alice","displayName":"Alice","email":"alice@example.com"}""",
            """{"email":"alice@example.com"}""", """{"token":"AAAA"}""", """{"name":"Laptop"}""", "[]", "null", "", " ", "{\"userName\":1}",
        ];
        for (var endpoint = 0; endpoint < Endpoints.Length; endpoint++)
        {
            foreach (var (body, i) in bodies.Select((b, i) => (b, i)))
            {
                yield return ($"{Endpoints[endpoint].Path.Replace('/', '-').Trim('-')}-{i}", [(byte)endpoint, (byte)(i % 2), .. Encoding.UTF8.GetBytes(body)]);
            }
        }

        // Real ceremony responses, as the browser module sends them.
        var authenticator = new SoftwareAuthenticator { Origin = BodyHost.Origin };
        using var registration = Send(BodyHost.Client, "/passkeys/register/options", """{"userName":"seed"}"""u8.ToArray(), "application/json", null);
        var attestation = authenticator.CreateCredential(registration.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        yield return ("register-attestation", [3, 0, .. Encoding.UTF8.GetBytes(attestation)]);
        using var login = Send(BodyHost.Client, "/passkeys/login/options", "{}"u8.ToArray(), "application/json", null);
        var assertion = authenticator.GetAssertion(login.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        yield return ("login-assertion", [1, 0, .. Encoding.UTF8.GetBytes(assertion)]);
    }

    private static HttpResponseMessage Send(HttpClient client, string path, byte[] body, string? contentType, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.Add("Origin", BodyHost.Origin);
        if (!string.IsNullOrEmpty(cookie))
        {
            request.Headers.Add("Cookie", cookie);
        }

        return client.SendAsync(request).GetAwaiter().GetResult();
    }

    private static void Check(string path, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            throw new FuzzFindingException($"POST {path} answered {status}.");
        }

        if (status < 400)
        {
            return;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            throw new FuzzFindingException($"POST {path} answered {status} without problem details.");
        }

        using var problem = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        if (!problem.RootElement.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FuzzFindingException($"POST {path} answered {status} without a problem code (or the endpoint is missing).");
        }
    }
}
