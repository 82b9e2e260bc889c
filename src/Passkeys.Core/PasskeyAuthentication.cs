namespace Passkeys;

/// <summary>
/// A verified sign-in.
/// </summary>
/// <param name="User">The user who signed in.</param>
/// <param name="Credential">The credential used, with its updated usage data.</param>
/// <param name="CounterRegressed">
/// Whether the signature counter went backwards and the sign-in was accepted anyway
/// (<see cref="SignCountRegressionPolicy.AcceptAndFlag"/>, or a synced passkey under
/// <see cref="SignCountRegressionPolicy.RejectDeviceBound"/>).
/// </param>
/// <param name="BackupEligibilityChanged">
/// Whether the passkey's backup eligibility (BE) differed from the stored one and the sign-in was accepted anyway
/// (<see cref="BackupEligibilityChangePolicy.AcceptAndUpdate"/>); <see cref="Credential"/> holds the new value.
/// </param>
public sealed record PasskeyAuthentication(PasskeyUser User, PasskeyCredential Credential, bool CounterRegressed, bool BackupEligibilityChanged = false);
