namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Lets one passkey add of a user at a time through the step from "this session may still add" to the stored passkey,
/// on this node, so that adds arriving together from a session of an emailed link (whose rule is one passkey per
/// link, read from the store) cannot all pass the check before any of them is stored.
/// </summary>
/// <remarks>
/// Striped: a fixed set of locks chosen by the user id's hash, so the gate never grows; two users who share a stripe
/// wait for each other only while one add is verified (the body is read before the gate is entered). Nodes of a
/// cluster each have their own gate.
/// </remarks>
internal sealed class PasskeyAddGate
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string userId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(userId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Exit(stripe);
    }

    private sealed class Exit(SemaphoreSlim stripe) : IDisposable
    {
        private SemaphoreSlim? _stripe = stripe;

        public void Dispose() => Interlocked.Exchange(ref _stripe, null)?.Release();
    }
}
