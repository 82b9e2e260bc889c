using System.Text.Json.Nodes;

namespace Passkeys.AspNetCore.Tests.Infrastructure;

/// <summary>Reads problem details and JSON bodies in assertions.</summary>
internal static class HttpAssertions
{
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        Assert.That((int)response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(body["code"]?.GetValue<string>(), Is.EqualTo(code));
        Assert.That(body["status"]?.GetValue<int>(), Is.EqualTo(status));
        return body;
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return JsonNode.Parse(text)!.AsObject();
    }
}
