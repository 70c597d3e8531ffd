#!/usr/bin/env bash
# Side-by-side timing of our `erofs fsck` against Debian's fsck.erofs 1.5 on the same uncompressed
# image, built by Debian's mkfs.erofs from SOURCE (default /usr/share/dotnet).
#   bench/fsck-extract.sh [SOURCE] [RUNS] [MKFS OPTIONS...]   (e.g. -zlz4hc for a compressed image)
# Prints a markdown table (median wall time of RUNS runs, alternating tools) with ratios ours/theirs.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=${1:-/usr/share/dotnet}
runs=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
mkfs_options=("$@")
command -v mkfs.erofs >/dev/null || { apt-get update -qq && apt-get install -y -qq erofs-utils; }
if [ ! -x artifacts/aot/erofs ]; then
    dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o artifacts/aot -nologo >/dev/null
fi
ours=artifacts/aot/erofs
work=$(mktemp -d /tmp/erofs-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
image=$work/image.erofs
mkfs.erofs --quiet -U5eed0000-0000-4000-8000-0000000000be "${mkfs_options[@]}" "$image" "$source_dir" >/dev/null

# Runs a command, prints its wall time in seconds; the page cache is warm for both tools alike.
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() { # NAME THEIRS... -- OURS...
    local name=$1; shift
    local theirs=() mine=()
    while [ "$1" != "--" ]; do theirs+=("$1"); shift; done; shift
    mine=("$@")
    local t=() o=()
    for _ in $(seq "$runs"); do
        rm -rf "$work/x"; sync; t+=("$(seconds "${theirs[@]}")")
        rm -rf "$work/x"; sync; o+=("$(seconds "${mine[@]}")")
    done
    local tm om
    tm=$(printf '%s\n' "${t[@]}" | median); om=$(printf '%s\n' "${o[@]}" | median)
    awk -v n="$name" -v t="$tm" -v o="$om" 'BEGIN { printf "| %s | %.3f | %.3f | %.2f |\n", n, t, o, o / t }'
}

echo "image: $(du -h "$image" | cut -f1) from $source_dir ($(find "$source_dir" | wc -l) paths), mkfs.erofs ${mkfs_options[*]:-(uncompressed)}, $runs runs each, $(nproc) cores"
echo
echo "| task | fsck.erofs 1.5 (s) | erofs (s) | ratio |"
echo "|---|---|---|---|"
cat "$image" > /dev/null
measure "check metadata" fsck.erofs "$image" -- "$ours" fsck "$image"
measure "check + read all data" fsck.erofs --extract "$image" -- "$ours" fsck --extract "$image"
measure "check + extract to disk" fsck.erofs --extract="$work/x" "$image" -- "$ours" fsck --extract="$work/x" "$image"
