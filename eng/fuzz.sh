#!/usr/bin/env bash
# Coverage-guided fuzzing of the assertion fast path's readers and the endpoints' body reading with SharpFuzz and
# afl-fuzz (afl++). See docs/security.md, "Fuzzing".
#
#   eng/fuzz.sh TARGET MINUTES     one target (client-data, authenticator-data, cose-key, der-signature, assertion,
#                                  json-body), for MINUTES minutes
#   eng/fuzz.sh all MINUTES        every target in turn, MINUTES minutes each (the long runs: eng/fuzz.sh all 30,
#                                  about 3.5 hours with building and minimising; one core at a time)
#
# It installs what is missing (Debian's afl++, the SharpFuzz.CommandLine tool), publishes fuzz/Passkeys.Fuzz to
# artifacts/fuzz/bin, instruments Passkeys.Core, Passkeys.AspNetCore and Fido2 (the oracle, so paths through it count
# too), and starts afl-fuzz on the seeds the target generates plus its committed corpus. Afterwards it minimises the
# corpus (afl-cmin) into fuzz/corpus/TARGET/ (commit it; regressions/ there is left alone) and copies crashes to
# artifacts/fuzz/TARGET/crashes/. A crash is an input for which the target threw: replay it, uninstrumented, with
#   dotnet run --project fuzz/Passkeys.Fuzz -- TARGET artifacts/fuzz/TARGET/crashes
# and, once fixed, keep it in fuzz/corpus/TARGET/regressions/ so `dotnet test` (tests/Passkeys.Fuzz.Tests) replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(client-data authenticator-data cose-key der-signature assertion json-body)
sharpfuzz_version=2.3.0
work=artifacts/fuzz
bin=$work/bin
tools=$work/tools

usage() { echo "usage: eng/fuzz.sh {$(IFS='|'; echo "${targets[*]}")|all} MINUTES" >&2; exit 2; }
(($# == 2)) && [[ $2 =~ ^[0-9]+$ ]] && (($2 > 0)) || usage
if [[ $1 == all ]]; then selected=("${targets[@]}"); else
  [[ " ${targets[*]} " == *" $1 "* ]] || usage
  selected=("$1")
fi
minutes=$2

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if [[ ! -x $tools/sharpfuzz ]]; then
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
fi

# Publish once plainly (seeds are generated with it: instrumented code only runs under afl-fuzz's shared memory),
# then copy and instrument; a fresh copy each time, as sharpfuzz refuses to instrument an assembly twice.
plain=$work/plain
mkdir -p "$work"
dotnet publish fuzz/Passkeys.Fuzz -c Release -o "$plain" -nologo >"$work/publish.log" 2>&1 || { tail -n 30 "$work/publish.log"; exit 1; }
rm -rf "$bin"
cp -r "$plain" "$bin"
for dll in Passkeys.Core.dll Passkeys.AspNetCore.dll Fido2.dll; do
  "$tools/sharpfuzz" "$bin/$dll" >/dev/null
done

# afl-fuzz refuses to start when crashes go to a core-dump helper (core_pattern starting with '|'): point them at
# plain files when this machine lets us, else tell afl-fuzz not to mind (it may then miss crashes of dotnet itself;
# the targets' own crashes are reported by SharpFuzz through the fork server either way).
if [[ $(cat /proc/sys/kernel/core_pattern) == '|'* ]]; then
  echo core 2>/dev/null >/proc/sys/kernel/core_pattern || export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
fi
# dotnet is not an afl-instrumented binary; SharpFuzz speaks the fork server protocol itself. CPUs are shared, so
# neither insist on a performance governor nor bind to a core; start-up (the runtime, a test server) is slow.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=120000

for target in "${selected[@]}"; do
  dir=$work/$target
  corpus=fuzz/corpus/$target
  rm -rf "$dir/in" "$dir/out" "$dir/min"
  mkdir -p "$dir/in" "$dir/crashes" "$corpus"
  dotnet "$plain/Passkeys.Fuzz.dll" --seed "$target" "$dir/in"
  find "$corpus" -type f -exec cp -t "$dir/in" {} +

  echo "=== $target: $(ls "$dir/in" | wc -l) inputs, $minutes min ($(date -u +%H:%M:%S))"
  afl-fuzz -i "$dir/in" -o "$dir/out" -t 10000 -m none -V $((minutes * 60)) -- dotnet "$bin/Passkeys.Fuzz.dll" "$target" \
    >"$dir/afl.log" 2>&1 || { tail -n 30 "$dir/afl.log"; exit 1; }

  stats=$dir/out/default/fuzzer_stats
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|corpus_found|bitmap_cvg|saved_crashes|saved_hangs) ' "$stats" | sed 's/^/  /'
  crashes=$(find "$dir/out/default/crashes" -type f -name 'id:*' | wc -l)
  find "$dir/out/default/crashes" -type f -name 'id:*' -exec cp -t "$dir/crashes" {} +

  # Minimise seeds, committed corpus and everything afl-fuzz found into the committed corpus.
  mkdir -p "$dir/all"
  cp "$dir/in/"* "$dir/out/default/queue/"id:* "$dir/all/" 2>/dev/null || true
  afl-cmin -i "$dir/all" -o "$dir/min" -t 10000 -m none -- "$(command -v dotnet)" "$bin/Passkeys.Fuzz.dll" "$target" >"$dir/cmin.log" 2>&1 \
    || { tail -n 20 "$dir/cmin.log"; exit 1; }
  find "$corpus" -maxdepth 1 -type f -delete
  for file in "$dir/min/"*; do
    cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-16)"
  done
  rm -rf "$dir/all"
  echo "  corpus: $(ls "$corpus" | wc -l) files, $(find "$corpus" -maxdepth 1 -type f -printf "%s\n" | awk "{s+=\$1} END {print s+0}") bytes in $corpus; crashes: $crashes (in $dir/crashes)"
done
