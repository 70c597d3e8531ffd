#!/usr/bin/env bash
# Runs one fuzz harness under AFL++ for a bounded time and fails on any crash.
#
#   fuzz/run.sh TARGET SECONDS      TARGET: image-walk | file-read | tar | fuse-request
#
# Installs what is missing (Debian's afl++ 4.04c, the SharpFuzz.CommandLine 2.3.0 dotnet tool),
# publishes fuzz/Erofs.Fuzz, instruments only the libraries under test, runs afl-fuzz from
# fuzz/seeds/TARGET, prints the statistics, replays every crash (exit 1) and replays every hang
# once with a generous timeout (exit 1 only if it hangs again: a loaded machine pauses).
# Findings stay in artifacts/fuzz/TARGET/findings. Environment knobs:
#   FUZZ_TIMEOUT_MS (default 5000)  afl-fuzz -t: one input slower than this is a hang
#   FUZZ_HANG_REPLAY_SECONDS (60)   the replay timeout for hangs
#   FUZZ_HEAP_LIMIT (0x40000000)    GC heap cap: an allocation sized by a hostile field fails as OutOfMemory
set -euo pipefail

TARGETS="image-walk file-read tar fuse-request"
usage() { echo "usage: fuzz/run.sh {${TARGETS// /|}} SECONDS" >&2; exit 2; }
[ $# -eq 2 ] || usage
TARGET=$1
SECONDS_TO_RUN=$2
[[ " $TARGETS " == *" $TARGET "* ]] || usage
[[ "$SECONDS_TO_RUN" =~ ^[1-9][0-9]*$ ]] || usage

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd)
WORK=$REPO_ROOT/artifacts/fuzz
TOOLS=$WORK/tools
PUBLISHED=$WORK/publish
BIN=$WORK/$TARGET/bin
FINDINGS=$WORK/$TARGET/findings
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DEBIAN_FRONTEND=noninteractive

say() { printf '==> fuzz %s: %s\n' "$TARGET" "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Tools ------------------------------------------------------------------------------------
if ! command -v afl-fuzz >/dev/null 2>&1; then
    say "installing afl++ (Debian)"
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
if [ ! -x "$TOOLS/sharpfuzz" ]; then
    say "installing SharpFuzz.CommandLine 2.3.0"
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$TOOLS" >/dev/null
fi

# --- 2. Publish once, instrument a fresh copy per target (instrumenting twice is an error) --------
# flock: CI runs the targets one after another, but two shells may share this checkout.
(
    flock 9
    dotnet publish fuzz/Erofs.Fuzz -c Release -o "$PUBLISHED" -nologo -v quiet >/dev/null
) 9>"$WORK.lock"
rm -rf "$BIN" "$FINDINGS"
mkdir -p "$BIN" "$FINDINGS"
cp -r "$PUBLISHED/." "$BIN/"
for library in Erofs.Core Erofs.Fuse Erofs.Runtime; do
    "$TOOLS/sharpfuzz" "$BIN/$library.dll" >/dev/null
done

# --- 3. Fuzz -------------------------------------------------------------------------------------
say "afl-fuzz for $SECONDS_TO_RUN s from $(ls fuzz/seeds/$TARGET | wc -l) seeds"
export DOTNET_GCHeapHardLimit=${FUZZ_HEAP_LIMIT:-0x40000000}
set +e
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 \
AFL_NO_AFFINITY=1 AFL_QUIET=1 \
    afl-fuzz -V "$SECONDS_TO_RUN" -i "fuzz/seeds/$TARGET" -o "$FINDINGS" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none \
        -- dotnet "$BIN/Erofs.Fuzz.dll" "$TARGET" >"$WORK/$TARGET/afl.log" 2>&1
afl_status=$?
set -e
STATS=$FINDINGS/default/fuzzer_stats
if [ ! -f "$STATS" ]; then
    tail -n 30 "$WORK/$TARGET/afl.log"
    echo "fuzz $TARGET: afl-fuzz did not start (exit $afl_status); log: $WORK/$TARGET/afl.log"
    exit 1
fi
stat_of() { sed -n "s/^$1 *: *//p" "$STATS"; }
crashes=$(stat_of saved_crashes)
hangs=$(stat_of saved_hangs)
echo "fuzz $TARGET: $(stat_of execs_done) execs in $(stat_of run_time) s, $(stat_of execs_per_sec) execs/s," \
     "corpus $(stat_of corpus_count), coverage $(stat_of bitmap_cvg), stability $(stat_of stability)," \
     "crashes $crashes, hangs $hangs"

# --- 4. Crashes and hangs ------------------------------------------------------------------------
failed=0
# Replays use the libraries as built: instrumented code runs only inside SharpFuzz's fork server.
replay() { dotnet "$PUBLISHED/Erofs.Fuzz.dll" "$TARGET" "$@"; }
for input in "$FINDINGS"/default/crashes/id:*; do
    [ -e "$input" ] || continue
    echo "fuzz $TARGET: CRASH $input"
    replay "$input" | head -n 40 || true
    failed=1
done
for input in "$FINDINGS"/default/hangs/id:*; do
    [ -e "$input" ] || continue
    if timeout "${FUZZ_HANG_REPLAY_SECONDS:-60}" dotnet "$PUBLISHED/Erofs.Fuzz.dll" "$TARGET" "$input" >/dev/null 2>&1; then
        echo "fuzz $TARGET: hang did not reproduce in a replay (a pause of the loaded machine): $input"
    else
        echo "fuzz $TARGET: HANG (or crash) again on replay: $input"
        failed=1
    fi
done
if [ "$afl_status" -ne 0 ]; then
    tail -n 20 "$WORK/$TARGET/afl.log"
    echo "fuzz $TARGET: afl-fuzz exited with $afl_status"
    failed=1
fi
exit "$failed"
