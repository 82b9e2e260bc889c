using System.Text.Json.Nodes;

namespace Passkeys.Tests.Properties;

/// <summary>Walks and edits a <see cref="JsonNode"/> tree by (parent, member name or array index) places.</summary>
internal static class JsonTree
{
    /// <summary>Every member and array element under <paramref name="node"/>, parents before children.</summary>
    public static IEnumerable<(JsonNode Parent, object Key)> Places(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    yield return (obj, name);
                    foreach (var inner in child is null ? [] : Places(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i);
                    foreach (var inner in array[i] is { } child ? Places(child) : [])
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    public static JsonNode? Get(JsonNode parent, object key)
        => parent is JsonObject obj ? obj[(string)key] : parent.AsArray()[(int)key];

    public static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[(string)key] = value;
        }
        else
        {
            parent.AsArray()[(int)key] = value;
        }
    }

    public static void Remove(JsonNode parent, object key)
    {
        if (parent is JsonObject obj)
        {
            obj.Remove((string)key);
        }
        else
        {
            parent.AsArray().RemoveAt((int)key);
        }
    }
}
