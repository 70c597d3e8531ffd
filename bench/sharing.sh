#!/usr/bin/env bash
# Page cache used by four Debian images that share most files, mounted side by side and read in full:
# our FUSE mounts sharing one domain vs the kernel's own EROFS mounts vs the limit (every distinct
# content once, whole pages). Then read throughput (one large file, a whole tree; warm and cold)
# through our mount vs the kernel vs squashfuse on a SquashFS twin, and mount-ready time.
#   bench/sharing.sh [RUNS]          (SKIP_PAGE_CACHE=1: throughput and mount-ready time only)
# Needs root and, for the timings and the Cached cross-check, an idle machine. Trees are made once under $BENCH_CACHE
# (default /var/tmp/erofs-bench): debootstrap minbase, then copies with python3, curl and perl (bench/lib/debian-trees.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
source bench/lib/debian-trees.sh
need mksquashfs squashfs-tools
need squashfuse squashfuse
need python3 python3
need fincore util-linux-extra
make_trees

dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o artifacts/aot -nologo >/dev/null
erofs=$PWD/artifacts/aot/erofs
work=$(mktemp -d /var/tmp/erofs-bench-share-XXXXXX)
mounts=()
cleanup() {
    local m
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

unmount_all() { local m; for m in "${mounts[@]}"; do umount "$m"; done; mounts=(); }

mount_kernel() { mkdir -p "$2"; mount -t erofs -o ro "$1" "$2"; mounts+=("$2"); }
mount_ours() { # IMAGE DIR [EXTRA OPTIONS]
    mkdir -p "$2"
    "$erofs" mount -o "inode_share,backend=fuse,domain_id=bench,store=$work/store${3:+,$3}" "$1" "$2"
    mounts+=("$2")
}

echo "== building ${#trees[@]} images with fingerprints"
images=()
for i in "${!trees[@]}"; do
    "$erofs" mkfs --quiet --xattr-inode-digest "$work/img$i.erofs" "${trees[$i]}"
    images+=("$work/img$i.erofs")
done
read -r unique total distinct < <(python3 bench/unique-content.py "${trees[@]}")

# One measurement: drop caches, mount all four with MOUNTER, read every file. Prints two numbers (KiB):
# the page cache of what serves the files, counted per file with fincore (kernel: the files in the
# mounts plus the image files; ours: the store's objects plus the image files), and the growth of
# Cached in /proc/meminfo (everything, daemons included; noisy when anything else runs).
page_cache() { # MOUNTER
    local before after i counted
    drop
    before=$(cached_kib)
    for i in "${!images[@]}"; do "$1" "${images[$i]}" "$work/m$i"; done
    read_all "${mounts[@]}"
    after=$(cached_kib)
    if [ "$1" = mount_kernel ]; then
        mapfile -t served < <(find "${mounts[@]}" -type f)
    else
        mapfile -t served < <(find "$work/store" -type f -path '*/objects/*')
    fi
    counted=$(( $(resident "${served[@]}") + $(resident "${images[@]}") ))
    unmount_all
    echo $((counted / 1024)) $((after - before))
}
median_pair() { sort -n -k1 | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }
if [ "${SKIP_PAGE_CACHE:-0}" = 0 ]; then
read -r kernel_kib kernel_cached < <(for _ in $(seq "$runs"); do page_cache mount_kernel; done | median_pair)
rm -rf "$work/store"
read -r first_kib first_cached < <(page_cache mount_ours)   # empty store: objects are published during the reads
read -r ours_kib ours_cached < <(for _ in $(seq "$runs"); do page_cache mount_ours; done | median_pair)

echo
echo "Page cache after reading every file of 4 images (${distinct} distinct contents; median of $runs runs)"
echo
echo "| | page cache (fincore) | vs limit | Cached growth (/proc/meminfo) |"
echo "|---|---|---|---|"
awk -v u="$unique" -v t="$total" -v k="$kernel_kib" -v kc="$kernel_cached" -v f="$first_kib" -v fc="$first_cached" -v o="$ours_kib" -v oc="$ours_cached" 'BEGIN {
    printf "| limit: distinct contents, whole pages | %.1f MiB | 1.00 | |\n", u / 1048576
    printf "| every file of every image, whole pages | %.1f MiB | %.2f | |\n", t / 1048576, t / u
    printf "| kernel EROFS mounts (no sharing on this kernel) | %.1f MiB | %.2f | %.1f MiB |\n", k / 1024, k * 1024 / u, kc / 1024
    printf "| erofs mount, one domain, store populated | %.1f MiB | %.2f | %.1f MiB |\n", o / 1024, o * 1024 / u, oc / 1024
    printf "| erofs mount, one domain, empty store (first ever) | %.1f MiB | %.2f | %.1f MiB |\n", f / 1024, f * 1024 / u, fc / 1024
}'
fi

# --- Throughput -----------------------------------------------------------------------------------
echo
echo "== throughput images: one 1 GiB file, and the minbase tree (SquashFS twins uncompressed, like ours)"
mkdir -p "$work/large"
head -c 1G /dev/urandom > "$work/large/large.bin"
"$erofs" mkfs --quiet --xattr-inode-digest "$work/large.erofs" "$work/large"
mksquashfs "$work/large" "$work/large.sqfs" -noI -noD -noF -noX -quiet >/dev/null
mksquashfs "${trees[0]}" "$work/tree.sqfs" -noI -noD -noF -noX -quiet >/dev/null
rm -f "$work/large/large.bin"

seconds() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'; }
read_file() { cat "$1/large.bin" > /dev/null; }
read_tree() { (cd "$1" && tar -cf - . 2>/dev/null | cat > /dev/null); }
mount_squash() { mkdir -p "$2"; squashfuse "$1" "$2"; mounts+=("$2"); }

# This machine is a VM: drop_caches empties its page cache, not the host's cache of the virtual disk, so a
# "cold" read runs at whatever speed the host happens to cache at. Every cold read is therefore preceded by
# a read of the files under test (image or SquashFS twin, and for ours the store's objects), which the
# drop_caches that follows removes from this kernel's cache: cold = not in this kernel's page cache,
# equally warm in the host's, for every tool.
host_warm() { # MOUNTER IMAGE
    cat "$2" > /dev/null
    [ "$1" != mount_ours ] || find "$work/store" -path '*/objects/*' -type f -print0 | xargs -0 -r cat > /dev/null
}
# MOUNTER IMAGE READER BYTES [COLD_RUNS]: prints "cold warm" MB/s (medians; cold after drop_caches, warm =
# read again). COLD_RUNS defaults to RUNS; 1 for a first-ever read (empty store).
rates() {
    local cold warm
    # Each cold read on a new mount (so nothing of an earlier read, e.g. a lingering lease, helps it).
    cold=$(for _ in $(seq "${5:-$runs}"); do "$1" "$2" "$work/t"; host_warm "$1" "$2"; drop; seconds "$3" "$work/t"; unmount_all; done | median)
    "$1" "$2" "$work/t"
    "$3" "$work/t"
    warm=$(for _ in $(seq "$runs"); do seconds "$3" "$work/t"; done | median)
    unmount_all
    awk -v b="$4" -v c="$cold" -v w="$warm" 'BEGIN { printf "%.0f %.0f\n", b / c / 1e6, b / w / 1e6 }'
}
tree_bytes=$(du -sb --apparent-size "${trees[0]}" | cut -f1)
large_bytes=$((1 << 30))
rm -rf "$work/store"
read -r our_first_file _ < <(rates mount_ours "$work/large.erofs" read_file "$large_bytes" 1)
read -r our_first_tree _ < <(rates mount_ours "${images[0]}" read_tree "$tree_bytes" 1)
read -r our_cold_file our_warm_file < <(rates mount_ours "$work/large.erofs" read_file "$large_bytes")
read -r our_cold_tree our_warm_tree < <(rates mount_ours "${images[0]}" read_tree "$tree_bytes")
read -r k_cold_file k_warm_file < <(rates mount_kernel "$work/large.erofs" read_file "$large_bytes")
read -r k_cold_tree k_warm_tree < <(rates mount_kernel "${images[0]}" read_tree "$tree_bytes")
read -r s_cold_file s_warm_file < <(rates mount_squash "$work/large.sqfs" read_file "$large_bytes")
read -r s_cold_tree s_warm_tree < <(rates mount_squash "$work/tree.sqfs" read_tree "$tree_bytes")

echo
echo "Read throughput, MB/s (medians of $runs, first-ever read once; cold = after drop_caches, host cache warmed alike; tree = \`tar -cf - . | cat > /dev/null\` over minbase)"
echo
echo "| | erofs mount, cold, empty store | erofs mount, cold, store populated | erofs mount, warm | kernel cold | kernel warm | squashfuse cold | squashfuse warm | ours warm / kernel warm | ours cold / squashfuse cold |"
echo "|---|---|---|---|---|---|---|---|---|---|"
row() { awk -v n="$1" -v a="$2" -v b="$3" -v c="$4" -v d="$5" -v e="$6" -v f="$7" -v g="$8" \
    'BEGIN { printf "| %s | %d | %d | %d | %d | %d | %d | %d | %.2f | %.2f |\n", n, a, b, c, d, e, f, g, c / e, b / f }'; }
row "1 GiB file" "$our_first_file" "$our_cold_file" "$our_warm_file" "$k_cold_file" "$k_warm_file" "$s_cold_file" "$s_warm_file"
row "minbase tree" "$our_first_tree" "$our_cold_tree" "$our_warm_tree" "$k_cold_tree" "$k_warm_tree" "$s_cold_tree" "$s_warm_tree"

# --- Mount-ready time -----------------------------------------------------------------------------
ready() { # MOUNTER IMAGE: seconds until the mount command returns with the mount ready
    local t
    t=$(seconds "$1" "$2" "$work/t")   # runs in a subshell: its mounts+= is lost, so unmount here
    umount "$work/t"
    echo "$t"
}
our_ready=$(for _ in $(seq "$runs"); do ready mount_ours "${images[0]}"; done | median)
k_ready=$(for _ in $(seq "$runs"); do ready mount_kernel "${images[0]}"; done | median)
s_ready=$(for _ in $(seq "$runs"); do ready mount_squash "$work/tree.sqfs"; done | median)
echo
echo "Mount-ready time (median of $runs): erofs mount (NativeAOT) $(awk -v t="$our_ready" 'BEGIN { printf "%.1f", t * 1000 }') ms," \
     "kernel $(awk -v t="$k_ready" 'BEGIN { printf "%.1f", t * 1000 }') ms, squashfuse $(awk -v t="$s_ready" 'BEGIN { printf "%.1f", t * 1000 }') ms"
