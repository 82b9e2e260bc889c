namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Names a few common passkey providers by AAGUID, so the passkey list can say where each passkey lives.
/// Unknown AAGUIDs (and the all-zero one of unattested authenticators) have no name.
/// </summary>
internal static class AuthenticatorNames
{
    private static readonly Dictionary<Guid, string> Known = new()
    {
        [new Guid("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4")] = "Google Password Manager",
        [new Guid("adce0002-35bc-c60a-648b-0b25f1f05503")] = "Chrome on Mac",
        [new Guid("fbfc3007-154e-4ecc-8c0b-6e020557d7bd")] = "iCloud Keychain",
        [new Guid("dd4ec289-e01d-41c9-bb89-70fa845d4bf2")] = "iCloud Keychain (Managed)",
        [new Guid("08987058-cadc-4b81-b6e1-30de50dcbe96")] = "Windows Hello",
        [new Guid("9ddd1817-af5a-4672-a2b9-3e3dd95000a9")] = "Windows Hello",
        [new Guid("6028b017-b1d4-4c02-b4b3-afcdafc96bb2")] = "Windows Hello",
        [new Guid("bada5566-a7aa-401f-bd96-45619a55120d")] = "1Password",
        [new Guid("d548826e-79b4-db40-a3d8-11116f7e8349")] = "Bitwarden",
        [new Guid("531126d6-e717-415c-9320-3d9aa6981239")] = "Dashlane",
        [new Guid("53414d53-554e-4700-0000-000000000000")] = "Samsung Pass",
    };

    public static string? Find(Guid aaguid) => Known.GetValueOrDefault(aaguid);
}
