#!/usr/bin/env bash
# Refreshes the community list of passkey provider AAGUIDs embedded in Passkeys.Core
# (src/Passkeys.Core/Providers/aaguid.json) from a copy of
# https://github.com/passkeydeveloper/passkey-authenticator-aaguids, and rewrites the sidecar
# (aaguid.source.json) with the repository, the commit and the date of that commit.
#
#   git clone https://github.com/passkeydeveloper/passkey-authenticator-aaguids /tmp/aaguids
#   eng/update-provider-list.sh /tmp/aaguids            # a clone (its HEAD), or
#   eng/update-provider-list.sh /path/to/repo.git       # a git directory (bare or .git)
#
# The list says it is for naming passkeys in account pages only, and that when it is retired its files become an
# empty object. So the script refuses (exit 1, nothing written) a file that does not parse, that is not an object,
# that is an empty object, or whose entries have no name; review the diff (new names, changed icons) before committing.
set -euo pipefail
cd "$(dirname "$0")/.."

repository=https://github.com/passkeydeveloper/passkey-authenticator-aaguids
target=src/Passkeys.Core/Providers/aaguid.json
sidecar=src/Passkeys.Core/Providers/aaguid.source.json

if (($# != 1)); then
  echo "usage: $0 <path to a clone or git directory of $repository>" >&2
  exit 2
fi

source_path=$1
if git -C "$source_path" rev-parse --is-bare-repository >/dev/null 2>&1; then
  git=(git -C "$source_path")
elif git --git-dir="$source_path" rev-parse HEAD >/dev/null 2>&1; then
  git=(git --git-dir="$source_path")
else
  echo "$source_path is not a clone or git directory of $repository." >&2
  exit 1
fi

commit=$("${git[@]}" rev-parse HEAD)
date=$("${git[@]}" show -s --format=%cs "$commit")
candidate=$(mktemp)
trap 'rm -f "$candidate" "$candidate.sidecar"' EXIT

if ! "${git[@]}" show "$commit:aaguid.json" >"$candidate" 2>/dev/null; then
  echo "The commit $commit has no aaguid.json (a shallow clone whose files are absent, or not that repository)." >&2
  exit 1
fi

if ! jq -e 'type == "object"' "$candidate" >/dev/null 2>&1; then
  echo "aaguid.json at $commit does not parse as a JSON object; nothing was written." >&2
  exit 1
fi

if jq -e 'length == 0' "$candidate" >/dev/null; then
  echo "aaguid.json at $commit is an empty object: the list may have been retired (see its README). Nothing was written;" >&2
  echo "the embedded list stays as it is. Tell the maintainers." >&2
  exit 1
fi

if ! jq -e 'all(.[]; type == "object" and (.name | type == "string" and length > 0))' "$candidate" >/dev/null; then
  echo "aaguid.json at $commit has an entry without a name; nothing was written." >&2
  exit 1
fi

# Compact, keys in the list's order: the file is embedded as is, so whitespace would only cost bytes.
jq -c . "$candidate" >"$target"
jq -n --arg repository "$repository" --arg commit "$commit" --arg date "$date" --arg file aaguid.json \
  '{repository: $repository, file: $file, commit: $commit, date: $date}' >"$candidate.sidecar"
mv "$candidate.sidecar" "$sidecar"
echo "Wrote $target ($(jq length "$target") providers, $(wc -c <"$target") bytes) from $commit ($date)."
