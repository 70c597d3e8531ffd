#!/usr/bin/env bash
# The overlay backend (`erofs mount -o inode_share,backend=overlay`: kernel EROFS over a metadata image under a
# read-only overlayfs whose data-only layer is the store's objects; no daemon) against the kernel's own
# `mount -t erofs` of the same image, and the FUSE backend (`backend=fuse`) beside it. One run, every timing
# interleaved (kernel, overlay, fuse, then the next round starting one further on), medians of RUNS, each
# ratio taken against the kernel's median of the same run:
#   1. warm whole-tree read of the perl image (`tar -cf - . | cat > /dev/null`, every byte) and warm `ls -lR`
#   2. cold whole-tree read: a new mount (objects and metadata image present), caches dropped
#   3. mount ready with the metadata image in the store: from the command's start to a first `ls` of the root
#   4. first mount into an empty store (publish every file + build the metadata image) vs `erofs extract` of
#      the image to the same file system followed by `sync`
#   5. page cache after reading every file of the four images: overlay backend (one domain; objects,
#      metadata images and images counted) vs the kernel's mounts vs the distinct contents in whole pages
#   6. scale: 64 overlay mounts in one domain (each image 16 times): page cache after reading all of them,
#      and the time of each mount (first 8 against last 8), beside the kernel's own mounts as a control
#   bench/overlay.sh [RUNS]          (default 5)
# Needs root and an idle machine: the load average is printed beside every table. Trees come from
# bench/lib/debian-trees.sh (debootstrap minbase, +python3, +curl, +perl under $BENCH_CACHE).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
source bench/lib/debian-trees.sh
need python3 python3
need fincore util-linux-extra
[ "$(id -u)" -eq 0 ] || { echo "bench/overlay.sh: needs root (it mounts images)" >&2; exit 1; }
make_trees

dotnet publish src/Erofs.Cli -r linux-x64 -c Release -p:PublishAot=true -o artifacts/aot -nologo >/dev/null
erofs=$PWD/artifacts/aot/erofs
work=$(mktemp -d /var/tmp/erofs-bench-overlay-XXXXXX)
mounted=()   # every mount point this script mounted and has not unmounted, oldest first
cleanup() {
    local i m
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        m=${mounted[$i]}
        umount "$m" 2>/dev/null || "$erofs" umount --timeout=5 "$m" >/dev/null 2>&1 || umount -l "$m" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Mounting and timing --------------------------------------------------------------------------------
# mount_BACKEND IMAGE DIR: kernel, overlay or fuse; ours share domain "bench" of the store in $store.
mount_kernel() { mkdir -p "$2"; mount -t erofs -o ro "$1" "$2"; mounted+=("$2"); }
mount_overlay() { mkdir -p "$2"; "$erofs" mount -o "inode_share,backend=overlay,domain_id=bench,store=$store" "$1" "$2"; mounted+=("$2"); }
mount_fuse() { mkdir -p "$2"; "$erofs" mount -o "inode_share,backend=fuse,domain_id=bench,store=$store" "$1" "$2"; mounted+=("$2"); }
unmount() { # DIR: the kernel's mounts with umount, ours with erofs umount (which waits for a FUSE daemon)
    if [ "$(findmnt -n -o FSTYPE --mountpoint "$1")" = erofs ]; then umount "$1"; else "$erofs" umount "$1"; fi
    local keep=() m
    for m in "${mounted[@]}"; do [ "$m" = "$1" ] || keep+=("$m"); done
    mounted=("${keep[@]}")
}
timeit() { # CMD...: runs it (output discarded), sets $took to its wall time in microseconds
    local t0
    t0=$(date +%s%N)
    "$@" > /dev/null
    took=$((($(date +%s%N) - t0) / 1000))
}
walk() { (cd "$1" && tar -cf - . 2>/dev/null | cat > /dev/null); }
list() { ls -lR "$1" > /dev/null 2>&1 || true; }
order() { # ROUND NAME...: the names, starting at ROUND modulo their number (interleaving without a fixed order)
    local r=$1 i; shift
    local names=("$@")
    for ((i = 0; i < ${#names[@]}; i++)); do echo "${names[$(((i + r) % ${#names[@]}))]}"; done
}
declare -A samples   # "what backend" -> microseconds of every run, space-separated
med() { printf '%s\n' ${samples[$1]} | median; }
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
pages() { awk '{ s += int(($1 + 4095) / 4096) * 4096 } END { print s + 0 }'; }   # whole pages of the sizes on stdin
objects_of() { find "$1/bench/objects" -type f; }
metas_of() { find "$1/bench/meta" -type f; }
cat_all() { xargs -d '\n' -r cat > /dev/null; }   # reads the files named on stdin
say_load() { echo "load average: $(load)"; }

echo "bench/overlay.sh, $(date '+%Y-%m-%d %H:%M %Z'), commit $(git rev-parse --short HEAD), $runs runs, $(nproc) cores, kernel $(uname -r)"
echo "trees: $trees_made_by"
say_load
echo
echo "== building ${#trees[@]} images with fingerprints (erofs mkfs --xattr-inode-digest)"
images=()
for i in "${!trees[@]}"; do
    "$erofs" mkfs --quiet --xattr-inode-digest "$work/img$i.erofs" "${trees[$i]}"
    images+=("$work/img$i.erofs")
done
img=${images[3]}   # the perl image: the timings' subject
perl_files=$(find "${trees[3]}" -type f | wc -l)
perl_bytes=$(du -sb --apparent-size "${trees[3]}" | cut -f1)
echo "timed image: ${trees[3]} ($perl_files files, $(mib "$perl_bytes") MiB; image $(mib "$(stat -c %s "$img")") MiB)"

# --- 1. Warm tree read and ls -lR -----------------------------------------------------------------------
# Each backend keeps its own store, so the overlay and the FUSE daemon never share an object's page cache.
backends=(kernel overlay fuse)
store_of() { echo "$work/store-$1"; }
echo
say_load
for b in "${backends[@]}"; do store=$(store_of "$b") "mount_$b" "$img" "$work/warm-$b"; done
for b in "${backends[@]}"; do walk "$work/warm-$b"; walk "$work/warm-$b"; list "$work/warm-$b"; done   # publishes (fuse), warms
same=yes
ref=$(cd "$work/warm-kernel" && tar -cf - . 2>/dev/null | sha256sum)
for b in overlay fuse; do [ "$(cd "$work/warm-$b" && tar -cf - . 2>/dev/null | sha256sum)" = "$ref" ] || same="no ($b differs)"; done
warm_runs=$((3 * runs))   # warm samples are short and vary most: three times as many
for r in $(seq "$warm_runs"); do
    for b in $(order "$r" "${backends[@]}"); do steady timeit walk "$work/warm-$b"; samples[tar.$b]+="$took "; done
done
for r in $(seq "$warm_runs"); do
    for b in $(order "$r" "${backends[@]}"); do steady timeit list "$work/warm-$b"; samples[ls.$b]+="$took "; done
done
for b in "${backends[@]}"; do unmount "$work/warm-$b"; done
load_warm=$(load)

# --- 2. Cold tree read ------------------------------------------------------------------------------------
# This machine is a VM: drop_caches empties this kernel's page cache, not the host's cache of the virtual
# disk. So each cold read first reads the files under it once (image; metadata image and objects), then drops
# the caches: cold = not in this kernel's cache, equally warm in the host's, for every backend.
host_warm() { # BACKEND
    case $1 in
        kernel) cat "$img" > /dev/null ;;
        overlay) { metas_of "$(store_of overlay)"; objects_of "$(store_of overlay)"; } | cat_all ;;
        fuse) cat "$img" > /dev/null; objects_of "$(store_of fuse)" | cat_all ;;
    esac
}
cold() { # BACKEND: sets $took
    store=$(store_of "$1") "mount_$1" "$img" "$work/cold"
    host_warm "$1"
    drop
    timeit walk "$work/cold"
    unmount "$work/cold"
}
for r in $(seq "$runs"); do
    for b in $(order "$r" "${backends[@]}"); do steady cold "$b"; samples[cold.$b]+="$took "; done
done
load_cold=$(load)

echo
echo "Perl image, every file read: warm = \`tar -cf - . | cat > /dev/null\` on a mounted, warm tree; warm \`ls -lR\`;"
echo "cold = the same tar on a new mount after drop_caches (objects and metadata image present). Medians of"
echo "$warm_runs (warm) and $runs (cold) interleaved runs; speed = kernel's time / this time (goal ≥ 0.90). Identical tar streams from all three: $same."
echo
echo "| | kernel \`mount -t erofs\` (ms) | overlay backend (ms) | overlay speed vs kernel | FUSE backend (ms) | FUSE speed vs kernel |"
echo "|---|---|---|---|---|---|"
for what in tar ls cold; do
    case $what in tar) name="warm whole-tree read" ;; ls) name="warm \`ls -lR\`" ;; cold) name="cold whole-tree read" ;; esac
    k=$(med "$what.kernel") o=$(med "$what.overlay") f=$(med "$what.fuse")
    awk -v n="$name" -v k="$k" -v o="$o" -v f="$f" \
        'BEGIN { printf "| %s | %.1f | %.1f | **%.2f** | %.1f | %.2f |\n", n, k / 1000, o / 1000, k / o, f / 1000, k / f }'
done
echo
echo "every run (ms, in the order taken):"
for what in tar ls cold; do
    for b in "${backends[@]}"; do
        printf '  %-5s %-8s' "$what" "$b"; for u in ${samples[$what.$b]}; do printf ' %s' "$(ms "$u")"; done; echo
    done
done
echo "load average after the warm runs: $load_warm; after the cold runs: $load_cold"

# --- 3. Mount ready ---------------------------------------------------------------------------------------
# The stores of section 1 hold the perl image's metadata image (overlay) and objects (fuse).
ready() { "mount_$1" "$img" "$work/ready"; ls "$work/ready" > /dev/null; }
ready_sample() { store=$(store_of "$1") timeit ready "$1"; unmount "$work/ready"; }
for r in $(seq "$runs"); do
    for b in $(order "$r" "${backends[@]}"); do steady ready_sample "$b"; samples[ready.$b]+="$took "; done
done
echo
say_load
echo
echo "Mount ready (metadata image in the store): from the command's start to the end of a first \`ls\` of the"
echo "root, median of $runs interleaved runs (goal for the overlay backend: ≤ 2.0× the kernel's mount)"
echo
echo "| | ms | vs kernel |"
echo "|---|---|---|"
k=$(med "ready.kernel")
for b in "${backends[@]}"; do
    case $b in kernel) name="\`mount -t erofs\` + ls" ;; overlay) name="erofs mount, backend=overlay + ls" ;; fuse) name="erofs mount, backend=fuse + ls" ;; esac
    awk -v n="$name" -v t="$(med "ready.$b")" -v k="$k" 'BEGIN { printf "| %s | %.1f | %.2f |\n", n, t / 1000, t / k }'
done
echo "every run (ms):"
for b in "${backends[@]}"; do printf '  %-8s' "$b"; for u in ${samples[ready.$b]}; do printf ' %s' "$(ms "$u")"; done; echo; done

# --- 4. First mount into an empty store --------------------------------------------------------------------
# Both read the image (its page cache warm for both) and write every file's content to this file system,
# durably: the store syncs before it links objects and the metadata image; extract is followed by sync.
# Then, once each: a first mount followed by a first whole-tree read, for the overlay backend (all work
# at mount) and the FUSE backend (each file hashed and published at its first open).
first_overlay() { store=$work/first mount_overlay "$img" "$work/fm"; ls "$work/fm" > /dev/null; }
extract_sync() { "$erofs" extract "$img" "$work/x"; sync; }
first_use() { store=$work/first "mount_$1" "$img" "$work/fm"; walk "$work/fm"; }
# Before each, the previous one's files are removed and synced, then the disk is left alone for $settle s
# (default 15): this VM's disk writes at a speed that varies several-fold with what was written just before.
settle=${SETTLE:-15}
fresh() { rm -rf "$work/first" "$work/x"; sync; cat "$img" > /dev/null; sleep "$settle"; }
first_sample() { # overlay|extract: sets $took
    fresh
    if [ "$1" = overlay ]; then timeit first_overlay; unmount "$work/fm"; else timeit extract_sync; fi
}
for r in $(seq "$runs"); do
    for what in $(order "$r" overlay extract); do steady first_sample "$what"; samples[first.$what]+="$took "; done
done
first_objects=$(find "$work/first/bench/objects" -type f 2>/dev/null | wc -l)
first_use_sample() { fresh; timeit first_use "$1"; unmount "$work/fm"; }
for b in overlay fuse; do steady first_use_sample "$b"; samples[firstuse.$b]=$took; done
fresh
echo
say_load
echo
echo "First mount of the perl image into an empty store vs \`erofs extract\` + \`sync\` to the same file system"
echo "(median of $runs interleaved runs, ${settle} s of quiet before each; goal ≤ 1.5×); the store then holds $first_objects objects"
echo
echo "| | ms | vs extract + sync |"
echo "|---|---|---|"
e=$(med "first.extract")
awk -v t="$(med "first.overlay")" -v e="$e" 'BEGIN { printf "| erofs mount, backend=overlay, empty store (publish + metadata image) + ls | %.1f | **%.2f** |\n", t / 1000, t / e }'
awk -v e="$e" 'BEGIN { printf "| erofs extract IMAGE DIR && sync | %.1f | 1.00 |\n", e / 1000 }'
awk -v t="${samples[firstuse.overlay]}" -v e="$e" 'BEGIN { printf "| overlay: first mount + first whole-tree read (1 run) | %.1f | %.2f |\n", t / 1000, t / e }'
awk -v t="${samples[firstuse.fuse]}" -v e="$e" 'BEGIN { printf "| fuse: first mount + first whole-tree read, publishing at each first open (1 run) | %.1f | %.2f |\n", t / 1000, t / e }'
echo "every run (ms):"
for what in overlay extract; do printf '  %-8s' "$what"; for u in ${samples[first.$what]}; do printf ' %s' "$(ms "$u")"; done; echo; done

# --- 5. Page cache of four images ---------------------------------------------------------------------------
store=$work/store-pc
for i in "${!images[@]}"; do mount_overlay "${images[$i]}" "$work/p$i"; done   # publishes, builds the metadata images
for i in "${!images[@]}"; do unmount "$work/p$i"; done
read -r unique total distinct < <(python3 bench/unique-content.py "${trees[@]}")
meta_pages=$(metas_of "$store" | xargs -d '\n' stat -c %s | pages)
# Every EROFS mount caches its own directories (a page at least per directory, in the directory inode's own
# page cache, which fincore cannot see on the detached mount of a metadata image): their whole pages, per image.
dir_pages=()
for i in "${!images[@]}"; do
    mount_kernel "${images[$i]}" "$work/d"
    dir_pages+=("$(find "$work/d" -type d -printf '%s\n' | pages)")
    unmount "$work/d"
done
dirs_4=$(printf '%s\n' "${dir_pages[@]}" | awk '{ s += $1 } END { print s }')
# page_cache BACKEND: drop caches, mount all four, read every file; sets pc_counted (bytes of page cache,
# by fincore, of what serves the files: kernel = the files in the mounts + the image files; overlay = the
# objects, the metadata images and the image files) and pc_cached (growth of Cached in /proc/meminfo, KiB).
page_cache() {
    local before after i served=()
    drop
    before=$(cached_kib)
    for i in "${!images[@]}"; do "mount_$1" "${images[$i]}" "$work/p$i"; done
    read_all "$work"/p[0-3]
    after=$(cached_kib)
    if [ "$1" = kernel ]; then
        mapfile -t served < <(find "$work"/p[0-3] -type f)
    else
        mapfile -t served < <(objects_of "$store"; metas_of "$store")
    fi
    pc_counted=$(($(resident "${served[@]}") + $(resident "${images[@]}")))
    pc_cached=$((after - before))
    for i in "${!images[@]}"; do unmount "$work/p$i"; done
}
for r in $(seq "$runs"); do
    for b in $(order "$r" kernel overlay); do
        steady page_cache "$b"
        samples[pc.$b]+="$pc_counted "
        samples[cached.$b]+="$pc_cached "
    done
done
echo
say_load
echo
echo "Page cache after reading every file of the 4 images ($distinct distinct contents; median of $runs interleaved runs;"
echo "fincore counts the files that serve the data, Cached growth is everything, the EROFS mounts' own directories included)"
echo
echo "| | page cache (fincore) | vs limit | vs limit + metadata images | Cached growth (/proc/meminfo) | Cached growth vs limit + metadata images |"
echo "|---|---|---|---|---|---|"
awk -v u="$unique" -v t="$total" -v m="$meta_pages" -v d="$dirs_4" -v k="$(med "pc.kernel")" -v kc="$(med "cached.kernel")" \
    -v o="$(med "pc.overlay")" -v oc="$(med "cached.overlay")" 'BEGIN {
    printf "| limit: distinct contents, whole pages | %.1f MiB | 1.00 | | | |\n", u / 1048576
    printf "| limit + the 4 metadata images, whole pages | %.1f MiB | %.2f | 1.00 | | |\n", (u + m) / 1048576, (u + m) / u
    printf "| limit + metadata images + the directories of each mount (%.1f MiB), whole pages | %.1f MiB | %.2f | %.2f | | |\n", d / 1048576, (u + m + d) / 1048576, (u + m + d) / u, (u + m + d) / (u + m)
    printf "| every file of every image, whole pages | %.1f MiB | %.2f | | | |\n", t / 1048576, t / u
    printf "| kernel EROFS mounts | %.1f MiB | %.2f | %.2f | %.1f MiB | %.2f |\n", k / 1048576, k / u, k / (u + m), kc / 1024, kc * 1024 / (u + m)
    printf "| overlay backend, one domain | %.1f MiB | %.2f | **%.2f** | %.1f MiB | **%.2f** |\n", o / 1048576, o / u, o / (u + m), oc / 1024, oc * 1024 / (u + m)
}'

# --- 6. Scale: 64 mounts in one domain -----------------------------------------------------------------------
# Beside each overlay mount, the kernel's own mount of the same image, timed too (a control: what a 65th mount
# costs the kernel itself on this machine at that moment); those are unmounted before the reading.
declare -a mount_times kernel_times
for i in $(seq 0 63); do
    timeit mount_overlay "${images[$((i % 4))]}" "$work/scale/$i"
    mount_times+=("$took")
    timeit mount_kernel "${images[$((i % 4))]}" "$work/scale-kernel/$i"
    kernel_times+=("$took")
done
load_scale_mounts=$(load)
for i in $(seq 0 63); do unmount "$work/scale-kernel/$i"; done
scale_read() {
    local before after served
    drop
    before=$(cached_kib)
    read_all "$work"/scale/*
    after=$(cached_kib)
    mapfile -t served < <(objects_of "$store"; metas_of "$store")
    scale_counted=$(($(resident "${served[@]}") + $(resident "${images[@]}")))
    scale_cached=$((after - before))
}
steady scale_read
t0=$(date +%s%N)
for i in $(seq 0 63); do unmount "$work/scale/$i"; done
unmount_all_ms=$((($(date +%s%N) - t0) / 1000000))
echo
say_load
echo
echo "Scale: 64 overlay mounts in one domain (each image 16 times, in turn), then every file of all 64 read."
echo "Time per mount: the mount command alone; beside each, the kernel's own mount of the same image (kept"
echo "mounted too until the reading). Load average after the mounts: $load_scale_mounts"
echo
per_mount() { # NAME TIMES...: a table row of first 8, last 8 and all 64 (means and medians, ms)
    local name=$1; shift
    local t=("$@")
    awk -v n="$name" -v mf="$(printf '%s\n' "${t[@]:0:8}" | median)" -v ml="$(printf '%s\n' "${t[@]:56:8}" | median)" \
        -v ma="$(printf '%s\n' "${t[@]}" | median)" -v list="${t[*]}" 'BEGIN {
        k = split(list, v, " ")
        for (i = 1; i <= 8; i++) { first += v[i]; last += v[k - 8 + i] }
        printf "| %s | %.1f (%.1f) | %.1f (%.1f) | **%.2f** (%.2f) | %.1f |\n", n, first / 8000, mf / 1000, last / 8000, ml / 1000, last / first, ml / mf, ma / 1000
    }'
}
echo "| ms per mount | first 8: mean (median) | last 8: mean (median) | last 8 / first 8: means (medians) | median of 64 |"
echo "|---|---|---|---|---|"
per_mount "erofs mount, backend=overlay" "${mount_times[@]}"
per_mount "\`mount -t erofs\` (control)" "${kernel_times[@]}"
echo
echo "| page cache after reading all 64 | |"
echo "|---|---|"
awk -v u="$unique" -v m="$meta_pages" -v c="$scale_counted" -v cc="$scale_cached" -v d=$((16 * dirs_4)) 'BEGIN {
    printf "| fincore: objects, metadata images, images | %.1f MiB: **%.2f×** limit + metadata images (%.1f MiB) |\n", c / 1048576, c / (u + m), (u + m) / 1048576
    printf "| Cached growth (/proc/meminfo) | %.1f MiB: **%.2f×** limit + metadata images |\n", cc / 1024, cc * 1024 / (u + m)
    printf "| directory pages of the 64 EROFS mounts (16 × those of each image, whole pages) | %.1f MiB |\n", d / 1048576
    printf "| Cached growth vs limit + metadata images + those directory pages | %.2f× (%.1f MiB) |\n", cc * 1024 / (u + m + d), (u + m + d) / 1048576
}'
echo "unmounting all 64 overlay mounts took $unmount_all_ms ms"
echo "every overlay mount (ms): $(for u in "${mount_times[@]}"; do printf '%s ' "$(ms "$u")"; done)"
echo "every kernel mount (ms): $(for u in "${kernel_times[@]}"; do printf '%s ' "$(ms "$u")"; done)"
echo
echo "measurements taken again because another process dropped the caches during them: $retaken"
say_load
