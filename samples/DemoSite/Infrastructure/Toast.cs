namespace DemoSite.Infrastructure;

/// <summary>A short message shown in a corner of the page: <c>success</c>, <c>warning</c> or <c>error</c>.</summary>
public sealed record Toast(string Kind, string Message);
