namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>Someone who signs up: a user name and email of their own in every test, so tests share the site safely.</summary>
public sealed record TestUser(string DisplayName, string UserName, string Email)
{
    public static TestUser Named(string displayName)
    {
        var userName = $"{displayName.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
        return new TestUser(displayName, userName, $"{userName}@example.com");
    }
}
