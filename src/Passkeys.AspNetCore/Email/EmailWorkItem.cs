namespace Passkeys.AspNetCore.Email;

/// <summary>Something to send by email, in the queue share of its <see cref="Partition"/>.</summary>
internal abstract record EmailWorkItem
{
    /// <summary>Gets whose share of <see cref="EmailLoginQueue"/> the item takes: a client, or an account.</summary>
    public abstract string Partition { get; }

    /// <summary>Gets what the item is, for the log: never an address or a user id.</summary>
    public abstract string Kind { get; }
}

/// <summary>
/// A request for a sign-in link, by email address or user name, as it came in: nothing is looked up yet. It waits in
/// the share of its <paramref name="Client"/>, the partition of the per-client limit.
/// </summary>
internal sealed record EmailLinkRequest(string Client, string? Email, string? UserName, byte[]? BindingHash, string? ReturnUrl) : EmailWorkItem
{
    public override string Partition => Client;

    public override string Kind => "sign-in link request";
}

/// <summary>A passkey was added to an account: tell its owner. It waits in the share of the account.</summary>
/// <summary>A verification link for the address a user gave (at sign-up, as a new address, or sent again).</summary>
internal sealed record EmailVerificationRequest(string Client, string UserId, string Email) : EmailWorkItem
{
    public override string Partition => Client;

    public override string Kind => "verification link request";
}

/// <summary>Tells the address an account had that the account now has another one.</summary>
internal sealed record AddressChangedNotice(string UserId, string OldEmail, string NewEmail) : EmailWorkItem
{
    public override string Partition => UserId;

    public override string Kind => "address-changed notice";
}

/// <summary>Tells the account a passkey was removed from it.</summary>
internal sealed record PasskeyRemovedNotice(string UserId, Guid Aaguid, string? Name, DateTimeOffset RemovedAt) : EmailWorkItem
{
    public override string Partition => UserId;

    public override string Kind => "passkey-removed notice";
}

/// <summary>Tells the account someone signed in to it with an emailed link.</summary>
internal sealed record LinkSignInNotice(string UserId, DateTimeOffset SignedInAt) : EmailWorkItem
{
    public override string Partition => UserId;

    public override string Kind => "link sign-in notice";
}

internal sealed record PasskeyAddedNotice(string UserId, Guid Aaguid, DateTimeOffset AddedAt) : EmailWorkItem
{
    public override string Partition => UserId;

    public override string Kind => "passkey-added notice";
}
