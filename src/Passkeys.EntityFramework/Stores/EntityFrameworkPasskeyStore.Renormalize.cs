using Microsoft.EntityFrameworkCore;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Stores;

public partial class EntityFrameworkPasskeyStore<TContext>
{
    private const int RenormalizePageSize = 500;

    /// <summary>
    /// Brings every stored user's normalized name and email, and their login names, to the form
    /// <see cref="PasskeyNameNormalizer"/> gives today.
    /// </summary>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>How many users were rewritten, and which could not be.</returns>
    /// <remarks>
    /// For a database written before names were normalized this way (a migration can rewrite plain ASCII in SQL, not
    /// case folding and NFC), or after an upgrade of the normalizer. Run it once after the migration; a second run
    /// rewrites nothing. Each user is rewritten through <see cref="UpdateAsync"/>, in its own transaction, with the
    /// same rules: a user whose name or email now collides with another user's keeps the old form (lookups by it
    /// then find no one; the user still signs in with a discoverable passkey) and is listed in the result; a stored
    /// value the normalizer refuses is listed too. Security stamps stay as they are.
    /// </remarks>
    public virtual async Task<PasskeyNameRenormalization> RenormalizeNamesAsync(CancellationToken cancellationToken = default)
    {
        var rewritten = 0;
        var refused = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Users.AsNoTracking()
                .Where(u => after == null || string.Compare(u.Id, after) > 0)
                .OrderBy(u => u.Id)
                .Take(RenormalizePageSize)
                .Select(u => new { u.Id, u.UserName, u.NormalizedUserName, u.Email, u.NormalizedEmail })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return new PasskeyNameRenormalization(rewritten, refused);
            }

            var ids = page.Select(u => u.Id).ToList();
            var held = (await LoginNames.AsNoTracking()
                    .Where(n => ids.Contains(n.UserId))
                    .Select(n => new { n.UserId, n.NormalizedName })
                    .ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToLookup(n => n.UserId, n => n.NormalizedName, StringComparer.Ordinal);

            foreach (var row in page)
            {
                if (!PasskeyNameNormalizer.TryNormalize(row.UserName, out var name)
                    || (row.Email is not null && !PasskeyNameNormalizer.TryNormalize(row.Email, out _)))
                {
                    refused.Add(row.Id);
                    continue;
                }

                var email = PasskeyEntityMapper.NormalizeEmail(row.Email);
                string[] wanted = email is null || email == name ? [name] : [name, email];
                if (name == row.NormalizedUserName && email == row.NormalizedEmail
                    && held[row.Id].Order(StringComparer.Ordinal).SequenceEqual(wanted.Order(StringComparer.Ordinal)))
                {
                    continue;
                }

                var user = await FindByIdAsync(row.Id, cancellationToken).ConfigureAwait(false);
                var result = user is null ? PasskeyStoreResult.NotFound : await UpdateAsync(user, cancellationToken).ConfigureAwait(false);
                if (result == PasskeyStoreResult.Success)
                {
                    rewritten++;
                }
                else if (result != PasskeyStoreResult.NotFound)
                {
                    refused.Add(row.Id);
                }
            }

            after = page[^1].Id;
        }
    }
}
