#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (with the .NET SDK) for the tests, builds, runs every test
# project and ends with one line: "N passed, N failed". Safe to run again and again.
#
#   ./test.sh                 everything
#   ./test.sh --filter EXPR   passed on to each `dotnet test` (e.g. --filter FullyQualifiedName~Manifest)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
REPO_ROOT=$(pwd)
RESULTS_DIR="$REPO_ROOT/artifacts/test-results"
CONFIGURATION=Release

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# --- 1. Debian packages the tests use ---------------------------------------------------------
# erofs-utils: Debian's mkfs.erofs / fsck.erofs / dump.erofs (1.5); attr: setfattr / getfattr;
# fuse3: erofsfuse's runtime; xxd: hex dumps; acl: setfacl for the directory scanner's ACL
# tests; libdeflate0: the DEFLATE pcluster encoder (libdeflate.so.0); util-linux-extra:
# fincore, which the sharing demo counts page cache with. mount/losetup (util-linux),
# mkfifo/mknod (coreutils) and the other codec libraries (liblz4-1, liblzma5, zlib1g) are part of
# every Debian system of this kind. afl++: afl-fuzz 4.04c for the fuzz stage (tests/Erofs.Fuzz.Tests
# runs fuzz/run.sh for each harness; that script also installs it when run alone).
REQUIRED_PACKAGES=(erofs-utils attr fuse3 xxd acl libdeflate0 util-linux-extra afl++)

missing_packages() {
    local pkg
    for pkg in "${REQUIRED_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$pkg"
        fi
    done
}

if command -v dpkg-query >/dev/null 2>&1; then
    mapfile -t MISSING < <(missing_packages)
    if [ "${#MISSING[@]}" -gt 0 ]; then
        say "Installing Debian packages: ${MISSING[*]}"
        as_root apt-get update
        as_root apt-get install -y --no-install-recommends "${REQUIRED_PACKAGES[@]}"
    else
        say "Debian packages present: ${REQUIRED_PACKAGES[*]}"
    fi
else
    echo "test.sh: warning: not a Debian system (no dpkg-query); install ${REQUIRED_PACKAGES[*]} yourself" >&2
fi

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"

# --- 2. Leftovers of an earlier, interrupted run ----------------------------------------------
# Test mounts live on /tmp/erofs-tests-*; a killed test host can leave some behind.
if [ -r /proc/self/mountinfo ]; then
    { awk '{ print $5 }' /proc/self/mountinfo | grep '^/tmp/erofs-tests-' || true; } | sort -r | while read -r mnt; do
        echo "test.sh: unmounting leftover $mnt"
        as_root umount -l "$mnt" || true
    done
fi
find /tmp -maxdepth 1 -name 'erofs-tests-*' -mmin +120 -exec rm -rf --one-file-system {} + 2>/dev/null || true

# --- 3. Build ----------------------------------------------------------------------------------
say "dotnet restore"
if ! dotnet restore erofs.slnx; then
    echo "test.sh: dotnet restore failed, so no test ran"
    echo "0 passed, 0 failed"
    exit 1
fi
say "dotnet build -c $CONFIGURATION"
if ! dotnet build erofs.slnx --no-restore -c "$CONFIGURATION"; then
    # Testing stale binaries would mislead: stop here. The counts are honest: nothing ran.
    echo "test.sh: the build failed, so no test ran"
    echo "0 passed, 0 failed"
    exit 1
fi

# --- 3b. NativeAOT: the CLI ships as one native binary; publish it once, the AOT tests run it ------
say "dotnet publish src/Erofs.Cli (NativeAOT)"
rm -rf "$REPO_ROOT/artifacts/aot"
if ! dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o "$REPO_ROOT/artifacts/aot" -nologo; then
    echo "test.sh: the NativeAOT publish failed; the AOT tests will fail"
fi

# --- 4. Test every project, even when one fails ------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
mapfile -t PROJECTS < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' | sort)
[ "${#PROJECTS[@]}" -gt 0 ] || die "no test projects under tests/"

FAILED_RUNS=()
for project in "${PROJECTS[@]}"; do
    name=$(basename "$project" .csproj)
    say "dotnet test $name"
    if ! dotnet test "$project" --no-build -c "$CONFIGURATION" \
            --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR" "$@"; then
        FAILED_RUNS+=("$name")
    fi
done

# --- 5. Sum the TRX counters -------------------------------------------------------------------
# <Counters total="N" executed="N" passed="N" failed="N" error="N" timeout="N" aborted="N" .../>
counter() { # FILE ATTRIBUTE -> the number, 0 if absent
    local value
    value=$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || true)
    printf '%s\n' "${value:-0}"
}

passed=0
failed=0
for project in "${PROJECTS[@]}"; do
    name=$(basename "$project" .csproj)
    trx="$RESULTS_DIR/$name.trx"
    if [ ! -f "$trx" ]; then
        echo "$name: no TRX file (the test run did not complete)"
        failed=$((failed + 1))
        continue
    fi
    p=$(counter "$trx" passed)
    f=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
    echo "$name: $p passed, $f failed"
    passed=$((passed + p))
    failed=$((failed + f))
done

status=0
if [ "${#FAILED_RUNS[@]}" -gt 0 ]; then
    echo "dotnet test reported failure for: ${FAILED_RUNS[*]} (TRX files in $RESULTS_DIR)"
    status=1
fi
if [ "$failed" -gt 0 ]; then
    status=1
fi
if [ "$passed" -eq 0 ]; then
    echo "no test passed: treating the run as failed"
    status=1
fi

echo "$passed passed, $failed failed"
exit "$status"
