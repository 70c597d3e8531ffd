#!/usr/bin/env bash
# What a warm tree walk (`tar -cf - . | cat > /dev/null`, every file read) costs through `erofs mount`
# against the kernel's EROFS mount of the same image, side by side: with sharing, with sharing while
# another process holds every file open (so no lease work is left: the FUSE round-trip floor), and
# without sharing (the kernel then opens files itself and the walk sends the daemon no request).
#   bench/warm-walk.sh [RUNS] [TREE]        (default: 7 runs, the minbase tree bench/sharing.sh makes)
# Needs root and an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
tree=${2:-${BENCH_CACHE:-/var/tmp/erofs-bench}/minbase}
[ -d "$tree" ] || { echo "no $tree: run bench/sharing.sh once to make it, or name a tree" >&2; exit 1; }
dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o artifacts/aot -nologo >/dev/null
erofs=$PWD/artifacts/aot/erofs
work=$(mktemp -d /var/tmp/erofs-bench-walk-XXXXXX)
holder=
cleanup() {
    [ -z "$holder" ] || kill "$holder" 2>/dev/null || true
    local m
    for m in kernel shared plain; do umount "$work/$m" 2>/dev/null || umount -l "$work/$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

"$erofs" mkfs --quiet --xattr-inode-digest "$work/tree.erofs" "$tree"
mkdir -p "$work/kernel" "$work/shared" "$work/plain"
mount -t erofs -o ro "$work/tree.erofs" "$work/kernel"
"$erofs" mount -o "inode_share,backend=fuse,domain_id=walk,store=$work/store" "$work/tree.erofs" "$work/shared"
"$erofs" mount "$work/tree.erofs" "$work/plain"

walk_ms() { local t0; t0=$(date +%s%N); (cd "$1" && tar -cf - . 2>/dev/null | cat > /dev/null); echo $(( ($(date +%s%N) - t0) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for m in kernel shared plain; do walk_ms "$work/$m" > /dev/null; done   # warm every cache (and publish the objects)
kernel=$(for _ in $(seq "$runs"); do walk_ms "$work/kernel"; done | median)
shared=$(for _ in $(seq "$runs"); do walk_ms "$work/shared"; done | median)
plain=$(for _ in $(seq "$runs"); do walk_ms "$work/plain"; done | median)
python3 - "$work/shared" "$work/holding" <<'PY' &
import os, sys, time
held = [os.open(os.path.join(d, f), os.O_RDONLY) for d, _, fs in os.walk(sys.argv[1]) for f in fs
        if os.path.isfile(os.path.join(d, f)) and not os.path.islink(os.path.join(d, f))]
open(sys.argv[2], "w").close()
time.sleep(3600)
PY
holder=$!
while [ ! -e "$work/holding" ]; do sleep 0.2; done
held=$(for _ in $(seq "$runs"); do walk_ms "$work/shared"; done | median)

files=$(find "$tree" -type f | wc -l)
echo "Warm walk of $tree ($files files), median of $runs runs"
echo
echo "| | ms | vs kernel |"
echo "|---|---|---|"
for row in "kernel EROFS mount:$kernel" "erofs mount, sharing:$shared" "erofs mount, sharing, every file held open elsewhere:$held" "erofs mount, no sharing:$plain"; do
    awk -v n="${row%%:*}" -v t="${row##*:}" -v k="$kernel" 'BEGIN { printf "| %s | %d | %.2f |\n", n, t, k / t }'
done
