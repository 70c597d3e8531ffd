#!/usr/bin/env bash
# Side-by-side compressed builds. Part 1: our `erofs mkfs -zlz4 / -zlz4hc` against Debian's
# mkfs.erofs 1.5 with the same algorithm, level and pcluster size (time and size ratios). Part 2:
# our lzma, deflate and zstd against our lz4hc and against mksquashfs with the same algorithm, so
# the trade-off is visible.
#   bench/mkfs-compressed.sh [RUNS] [TREE...]      (SLOW_RUNS, default 1: runs of part 2; 0 skips it)
# Default trees: /usr/share/dotnet and the debootstrap minbase bench/mkfs.sh makes under $BENCH_CACHE.
# Warm page cache for every tool; run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift $(( $# > 0 ? 1 : 0 ))
cache=${BENCH_CACHE:-/var/tmp/erofs-bench}
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$2" >/dev/null; }; }
need mkfs.erofs erofs-utils
need mksquashfs squashfs-tools
if [ $# -gt 0 ]; then trees=("$@"); else
    [ -d "$cache/minbase" ] || { echo "no $cache/minbase: run bench/mkfs.sh once to make it" >&2; exit 1; }
    trees=(/usr/share/dotnet "$cache/minbase")
fi
dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o artifacts/aot -nologo >/dev/null
ours=$PWD/artifacts/aot/erofs
work=$(mktemp -d /var/tmp/erofs-bench-mkfsz-XXXXXX)
trap 'rm -rf "$work"' EXIT

source bench/timing.sh

echo "Debian mkfs.erofs $(dpkg-query -W -f='${Version}' erofs-utils), mksquashfs $(dpkg-query -W -f='${Version}' squashfs-tools), erofs mkfs (NativeAOT); $runs runs each (median), $(nproc) cores"
echo
echo "### Same algorithm as mkfs.erofs"
echo
echo "| tree | options | mkfs.erofs (s) | erofs mkfs (s) | time ratio | mkfs.erofs size | erofs size | size ratio |"
echo "|---|---|---|---|---|---|---|---|"
for tree in "${trees[@]}"; do
    tar -cf - -C "$tree" . 2>/dev/null | cat > /dev/null
    for opts in "-zlz4" "-zlz4hc" "-zlz4hc -C65536"; do
        read -ra o <<< "$opts"
        theirs=$(timed "$work/theirs.img" mkfs.erofs --quiet "${o[@]}" "$work/theirs.img" "$tree")
        mine=$(timed "$work/ours.img" "$ours" mkfs --quiet "${o[@]}" "$work/ours.img" "$tree")
        awk -v n="$tree" -v op="$opts" -v t="$theirs" -v m="$mine" -v ts="$(size "$work/theirs.img")" -v ms="$(size "$work/ours.img")" \
            'BEGIN { printf "| %s | `%s` | %.2f | %.2f | %.2f | %.1f MB | %.1f MB | %.4f |\n", n, op, t, m, m / t, ts / 1e6, ms / 1e6, ms / ts }'
    done
done

echo
runs=${SLOW_RUNS:-1}   # lzma and xz take a minute per build of the dotnet tree; 0 skips this part
[ "$runs" -gt 0 ] || exit 0
echo "### Other algorithms ($runs run each): against our lz4hc and mksquashfs (same algorithm, its default 128 KiB blocks, $(nproc) processors)"
echo
echo "| tree | erofs mkfs | time (s) | size | vs our lz4hc: time, size | mksquashfs | time (s) | size | ours / mksquashfs: time, size |"
echo "|---|---|---|---|---|---|---|---|---|"
for tree in "${trees[@]}"; do
    tar -cf - -C "$tree" . 2>/dev/null | cat > /dev/null
    base_t=$(timed "$work/hc.img" "$ours" mkfs --quiet -zlz4hc "$work/hc.img" "$tree")
    base_s=$(size "$work/hc.img")
    for pair in "lzma:xz" "deflate:gzip" "zstd:zstd"; do
        alg=${pair%%:*} comp=${pair##*:}
        mine=$(timed "$work/ours.img" "$ours" mkfs --quiet "-z$alg" "$work/ours.img" "$tree")
        sq=$(timed "$work/sq.img" mksquashfs "$tree" "$work/sq.img" -comp "$comp" -processors "$(nproc)" -no-progress -quiet)
        awk -v n="$tree" -v a="$alg" -v c="$comp" -v m="$mine" -v ms="$(size "$work/ours.img")" -v bt="$base_t" -v bs="$base_s" -v s="$sq" -v ss="$(size "$work/sq.img")" \
            'BEGIN { printf "| %s | `-z%s` | %.2f | %.1f MB | %.2f, %.3f | `-comp %s` | %.2f | %.1f MB | %.2f, %.3f |\n", n, a, m, ms / 1e6, m / bt, ms / bs, c, s, ss / 1e6, m / s, ms / ss }'
    done
done
