using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

/// <summary>A fresh engine harness and software authenticator per test, on the given assertion path.</summary>
public abstract class EngineTestBase(AssertionPath path)
{
    protected AssertionPath Path => path;

    private protected EngineHarness Harness { get; private set; } = null!;

    protected SoftwareAuthenticator Authenticator { get; private set; } = null!;

    [SetUp]
    public void SetUpHarness()
    {
        Harness = new EngineHarness(path: path);
        Authenticator = CeremonyDriver.NewAuthenticator();
    }

    [TearDown]
    public void TearDownHarness() => Harness.Dispose();
}
