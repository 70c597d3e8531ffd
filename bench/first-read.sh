#!/usr/bin/env bash
# The first full read of a tree of many small files (every file opened and read: `tar -cf - . | cat >
# /dev/null`) through the kernel's EROFS mount, `erofs mount` without sharing, and `erofs mount` sharing
# into a new, empty store (so every object is hashed and published during the read). The tree: 50,000
# files of 200 B to 6 KiB in 500 directories, pseudo-random but the same at every run, no two alike.
#   bench/first-read.sh [RUNS]        (default 3; each run reads once through each mount, in turn)
# Needs root and an idle machine. Uses about 600 MB under /var/tmp, removed at exit.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
runs=${1:-3}
. bench/timing.sh
dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o artifacts/aot -nologo >/dev/null
erofs=$PWD/artifacts/aot/erofs
work=$(mktemp -d /var/tmp/erofs-bench-first-XXXXXX)
cleanup() {
    local m
    for m in kernel plain shared; do umount "$work/$m" 2>/dev/null || umount -l "$work/$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work/tree" <<'PY'
import os, random, sys
rng = random.Random(20261207)
for d in range(500):
    directory = os.path.join(sys.argv[1], f"d{d:03}")
    os.makedirs(directory)
    for f in range(100):
        # The file's own number first, so no two contents are equal even if the random bytes were.
        head = f"{d * 100 + f}\n".encode()
        with open(os.path.join(directory, f"f{f:02}"), "wb") as out:
            out.write(head + rng.randbytes(rng.randint(200, 6144) - len(head)))
PY
"$erofs" mkfs --quiet --xattr-inode-digest "$work/tree.erofs" "$work/tree"
files=$(find "$work/tree" -type f | wc -l)
bytes=$(du -sb --apparent-size "$work/tree" | cut -f1)
rm -rf "$work/tree"
mkdir -p "$work/kernel" "$work/plain" "$work/shared"

mount_kernel() { mount -t erofs -o ro "$work/tree.erofs" "$work/kernel"; }
mount_plain() { "$erofs" mount "$work/tree.erofs" "$work/plain"; }
mount_shared() { rm -rf "$work/store"; "$erofs" mount --log="$work/shared.log" -o "inode_share,backend=fuse,domain_id=first,store=$work/store" "$work/tree.erofs" "$work/shared"; }
# erofs umount returns once the daemon has exited, so no run overlaps the last one's shutdown.
unmount() { if [ "$1" = kernel ]; then umount "$work/kernel"; else "$erofs" umount "$work/$1"; fi; }
read_tree() { (cd "$1" && tar -cf - . 2>/dev/null | cat > /dev/null); }
# One first read: a new mount, the image read once so the host's cache of this VM's disk (which
# drop_caches cannot empty) is equally warm for every case, then this kernel's caches dropped.
first_read() { # CASE
    "mount_$1"
    cat "$work/tree.erofs" > /dev/null
    sync
    echo 3 > /proc/sys/vm/drop_caches
    seconds read_tree "$work/$1"
    unmount "$1"
}

declare -A elapsed=([kernel]="" [plain]="" [shared]="")
for _ in $(seq "$runs"); do
    for c in kernel plain shared; do elapsed[$c]+="$(first_read "$c") "; done
done
med() { printf '%s\n' ${elapsed[$1]} | median; }  # unquoted: one number per line
kernel=$(med kernel) plain=$(med plain) shared=$(med shared)

echo "First full read of $files files ($bytes bytes) in 500 directories, caches dropped before each read;"
echo "median of $runs runs (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| | s | files/s | vs kernel | every run (s) |"
echo "|---|---|---|---|---|"
for row in "(a) kernel EROFS mount:kernel:$kernel" "(b) erofs mount, no sharing:plain:$plain" "(c) erofs mount, sharing, new empty store:shared:$shared"; do
    IFS=: read -r name c t <<< "$row"
    awk -v n="$name" -v t="$t" -v f="$files" -v k="$kernel" -v all="${elapsed[$c]% }" \
        'BEGIN { printf "| %s | %.2f | %.0f | %.2f | %s |\n", n, t, f / t, t / k, all }'
done
echo
awk -v a="$kernel" -v b="$plain" -v c="$shared" 'BEGIN { printf "(c)/(b) = %.2f (goal <= 1.5); (b)/(a) = %.2f\n", c / b, b / a }'
echo "last sharing daemon: $(grep ' ended: ' "$work/shared.log" | tail -1 | sed 's/.* ended: //')"
