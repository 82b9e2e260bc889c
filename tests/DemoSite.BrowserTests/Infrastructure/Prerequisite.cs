namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>What the suite needs from the machine: missing, the tests are skipped and say why, except on CI.</summary>
internal static class Prerequisite
{
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the tests with <paramref name="why"/>, or fails them when <c>CI=true</c> (CI must run them).</summary>
    public static void Missing(string why)
    {
        if (OnCi)
        {
            Assert.Fail($"{why} (CI=true: the browser tests must run here, so this fails instead of skipping.)");
        }

        Assert.Ignore(why);
    }
}
