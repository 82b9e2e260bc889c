using System.Text.Json;

namespace Passkeys.Tests.Site;

/// <summary>Checks a problem-details answer: its status and its stable <c>code</c>.</summary>
public static class ProblemAssert
{
    /// <summary>Asserts <paramref name="response"/> is <paramref name="status"/> with <paramref name="code"/>, and disposes it.</summary>
    public static async Task ExpectAsync(HttpResponseMessage response, int status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString(), Is.EqualTo(code), text);
        }
    }
}
