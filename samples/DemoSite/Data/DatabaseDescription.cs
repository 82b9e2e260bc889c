namespace DemoSite.Data;

/// <summary>Which database the site uses, in words for the start-up log (never with a password).</summary>
internal sealed record DatabaseDescription(string Provider, string Text);
