using System.Text;
using System.Text.Json.Nodes;
using Passkeys.Tests.Properties;

namespace Passkeys.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Breaks valid JSON bodies in seeded, repeatable ways: wrong types, missing fields, bad base64url, truncated
/// CBOR, huge numbers, deep nesting, truncated or non-UTF-8 text.
/// </summary>
internal sealed class JsonMutator(int seed)
{
    private readonly Random _random = new(seed);

    public string Mutate(string json)
    {
        var kind = _random.Next(12);
        if (kind == 0)
        {
            return json[.._random.Next(json.Length)];
        }

        if (kind == 1)
        {
            var depth = _random.Next(2) == 0 ? 70 : 5000;
            return new string('[', depth) + json + new string(']', depth);
        }

        if (kind == 2)
        {
            return Encoding.Latin1.GetString([.. Encoding.UTF8.GetBytes(json[..(json.Length / 2)]), 0xC3, 0x28, 0xFF]);
        }

        var root = JsonNode.Parse(json)!;
        var targets = JsonTree.Places(root).ToList();
        var (parent, key) = targets[_random.Next(targets.Count)];
        JsonNode? replacement = kind switch
        {
            3 => null,
            4 => JsonValue.Create(_random.Next(2) == 0 ? 1e308 : long.MaxValue),
            5 => new JsonArray(JsonValue.Create("x"), JsonValue.Create(1)),
            6 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = true } },
            7 => JsonValue.Create("!!not base64url!!"),
            8 => JsonValue.Create(true),
            9 => JsonValue.Create(TruncateBase64(JsonTree.Get(parent, key))),
            10 => JsonValue.Create(new string('A', 5000)),
            _ => JsonValue.Create(""),
        };

        if (kind == 3 || (kind == 11 && _random.Next(2) == 0))
        {
            JsonTree.Remove(parent, key);
        }
        else
        {
            JsonTree.Set(parent, key, replacement);
        }

        var text = root.ToJsonString();
        return _random.Next(8) == 0 ? text.Replace("}", "} ", StringComparison.Ordinal) + "1e99999" : text;
    }

    private string TruncateBase64(JsonNode? value)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "o2NmbXRkbm9uZQ";
        return text.Length < 4 ? text + "A" : text[.._random.Next(1, text.Length - 1)];
    }
}
