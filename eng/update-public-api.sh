#!/usr/bin/env bash
# Brings src/*/PublicAPI.Unshipped.txt in line with the code, the way the analyzer's code fix does in an IDE:
# builds src/, adds every public symbol the build reports as undeclared (RS0016) to its project's
# PublicAPI.Unshipped.txt, and, for a symbol reported as gone (RS0017), deletes its line from PublicAPI.Unshipped.txt
# (never released, so nothing breaks) or, when it was released (PublicAPI.Shipped.txt), records the removal as
# `*REMOVED*<symbol>` in PublicAPI.Unshipped.txt. Review the diff: every line is a promise to the packages' users.
#
#   eng/update-public-api.sh            # all of src/
#   eng/update-public-api.sh Core       # only src/Passkeys.Core
set -euo pipefail
cd "$(dirname "$0")/.."

projects=()
if (($#)); then
  for name in "$@"; do projects+=("src/Passkeys.$name/Passkeys.$name.csproj"); done
else
  for csproj in src/*/*.csproj; do projects+=("$csproj"); done
fi

for csproj in "${projects[@]}"; do
  dir=$(dirname "$csproj")
  unshipped="$dir/PublicAPI.Unshipped.txt"
  shipped="$dir/PublicAPI.Shipped.txt"
  [[ -f $unshipped ]] || printf '#nullable enable\n' >"$unshipped"
  [[ -f $shipped ]] || printf '#nullable enable\n' >"$shipped"

  # -p:TreatWarningsAsErrors=false so that the build reports every symbol, not only the first errors of a project.
  log=$(dotnet build "$csproj" --no-incremental -p:TreatWarningsAsErrors=false -clp:NoSummary 2>&1 || true)
  added=$(grep -F "$dir/" <<<"$log" | grep -F ' RS0016: ' \
    | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u || true)
  removed=$(grep -F "$dir/" <<<"$log" | grep -F ' RS0017: ' \
    | sed -E "s/.*Symbol '(.*)' is part of the declared API, but is either not public or could not be found.*/\1/" | sort -u || true)

  body=$(tail -n +2 "$unshipped")
  while IFS= read -r symbol; do
    [[ -z $symbol ]] && continue
    if grep -qxF -- "$symbol" <<<"$body"; then
      body=$(grep -vxF -- "$symbol" <<<"$body" || true)
    elif grep -qxF -- "$symbol" "$shipped"; then
      body+=$'\n'"*REMOVED*$symbol"
    fi
  done <<<"$removed"
  [[ -n $added ]] && body+=$'\n'"$added"

  { printf '#nullable enable\n'; grep -v '^$' <<<"$body" | LC_ALL=C sort -u || true; } >"$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  printf '%s: %d added, %d removed\n' "$dir" "$(grep -c . <<<"$added" || true)" "$(grep -c . <<<"$removed" || true)"
done
