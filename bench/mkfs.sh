#!/usr/bin/env bash
# Side-by-side build time and image size of our `erofs mkfs` against Debian's mkfs.erofs 1.5 on the
# same trees, uncompressed, plus the cost of fingerprints (ours with vs without --xattr-inode-digest).
#   bench/mkfs.sh [RUNS] [TREE...]
# Default trees: /usr/share/dotnet and a Debian bookworm minbase made once with debootstrap under
# $BENCH_CACHE (default /var/tmp/erofs-bench). Output images go to a temporary directory on the same
# disk; the page cache is warm for both tools (each tree is read once before timing).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift $(( $# > 0 ? 1 : 0 ))
cache=${BENCH_CACHE:-/var/tmp/erofs-bench}
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need mkfs.erofs erofs-utils
if [ $# -gt 0 ]; then trees=("$@"); else
    need debootstrap debootstrap
    if [ ! -d "$cache/minbase" ]; then
        mkdir -p "$cache"
        rm -rf "$cache/minbase.tmp"
        debootstrap --variant=minbase bookworm "$cache/minbase.tmp" http://deb.debian.org/debian >/dev/null
        mv "$cache/minbase.tmp" "$cache/minbase"
    fi
    trees=(/usr/share/dotnet "$cache/minbase")
fi
if [ ! -x artifacts/aot/erofs ]; then
    dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o artifacts/aot -nologo >/dev/null
fi
ours=$PWD/artifacts/aot/erofs
work=$(mktemp -d /var/tmp/erofs-bench-mkfs-XXXXXX)
trap 'rm -rf "$work"' EXIT

source bench/timing.sh

echo "Debian mkfs.erofs $(dpkg-query -W -f='${Version}' erofs-utils) vs erofs mkfs (NativeAOT), $runs runs each (median), $(nproc) cores"
echo
echo "| tree | paths | mkfs.erofs (s) | erofs mkfs (s) | time ratio | mkfs.erofs size | erofs size | size ratio | erofs + fingerprints (s) | fingerprint cost |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for tree in "${trees[@]}"; do
    tar -cf - -C "$tree" . 2>/dev/null | cat > /dev/null   # warm the page cache for both tools
    paths=$(find "$tree" | wc -l)
    theirs=$(timed "$work/theirs.img" mkfs.erofs --quiet "$work/theirs.img" "$tree")
    mine=$(timed "$work/ours.img" "$ours" mkfs --quiet "$work/ours.img" "$tree")
    digest=$(timed "$work/digest.img" "$ours" mkfs --quiet --xattr-inode-digest "$work/digest.img" "$tree")
    awk -v n="$tree" -v p="$paths" -v t="$theirs" -v o="$mine" -v ts="$(size "$work/theirs.img")" -v os="$(size "$work/ours.img")" -v d="$digest" \
        'BEGIN { printf "| %s | %d | %.3f | %.3f | %.2f | %.1f MB | %.1f MB | %.3f | %.3f | %.2f |\n", n, p, t, o, o / t, ts / 1e6, os / 1e6, os / ts, d, d / o }'
done
