#!/usr/bin/env bash
# The headline in one minute: two images that hold the same file contents under different names,
# owners and times, read in full three times over: through the kernel's own EROFS mounts (every image
# caches its own copy), then through `erofs mount -o inode_share` in one domain with each backend (one
# copy for both): the overlay backend (kernel EROFS + overlayfs over the store, no daemon, all work done
# ahead by `erofs store add`) and the FUSE backend (a daemon; each file published at its first open).
#   samples/sharing-demo.sh ERROFS_COMMAND...     e.g. samples/sharing-demo.sh dotnet path/erofs.dll
# Needs root (mounts). Page cache is counted per file with fincore (util-linux): the files read plus
# the image files themselves (which hold the metadata), so other activity on the machine does not blur it.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 ERROFS_COMMAND..." >&2; exit 2; }
erofs=("$@")
[ "$(id -u)" -eq 0 ] || { echo "sharing-demo: needs root (it mounts images)" >&2; exit 1; }

work=$(mktemp -d /tmp/erofs-demo-XXXXXX)
mounts=()
cleanup() {
    local m
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Two releases of one application: same big files and manual pages, different layout and metadata.
make_trees() {
    local v1=$work/app-1.0 v2=$work/app-1.1 i
    mkdir -p "$v1/lib" "$v1/share/doc" "$v1/etc" "$v2/usr/lib/app" "$v2/usr/share/app" "$v2/etc/app"
    head -c 24M /dev/urandom > "$v1/lib/libengine.so"
    head -c 12M /dev/urandom > "$v1/share/model.bin"
    seq 1 400000 > "$v1/share/table.txt"
    for i in $(seq 1 1500); do printf 'app manual, page %d\n%0*d\n' "$i" $((i % 3000)) 0 > "$v1/share/doc/page-$i.txt"; done
    echo "version=1.0" > "$v1/etc/app.conf"
    cp "$v1/lib/libengine.so" "$v2/usr/lib/app/libengine.so.1"
    cp "$v1/share/model.bin" "$v2/usr/share/app/model-v1.bin"
    cp "$v1/share/table.txt" "$v2/usr/share/app/table.txt"
    cp -r "$v1/share/doc" "$v2/usr/share/app/doc"
    echo "version=1.1" > "$v2/etc/app/app.conf"
    echo "new in 1.1" > "$v2/usr/share/app/NEWS"
}
make_trees
"${erofs[@]}" mkfs --quiet --xattr-inode-digest -T 1700000000 "$work/app-1.0.erofs" "$work/app-1.0"
"${erofs[@]}" mkfs --quiet --xattr-inode-digest -T 1750000000 --force-uid=1000 --force-gid=1000 "$work/app-1.1.erofs" "$work/app-1.1"
echo "Built two images with SHA-256 fingerprints (mkfs --xattr-inode-digest):"
for v in 1.0 1.1; do printf '  app-%s.erofs  %s bytes, %s files: %s\n' "$v" "$(stat -c %s "$work/app-$v.erofs")" \
    "$(find "$work/app-$v" -type f | wc -l)" "$(cd "$work/app-$v" && find . -type f ! -path '*/doc/*' | sed 's|^\./||' | sort | tr '\n' ' ')+ doc/page-*.txt"; done

uncache() { local f; for f in "$@"; do dd if="$f" iflag=nocache count=0 status=none; done; }
resident_bytes() { # FILE... -> bytes of these files in the page cache
    [ $# -gt 0 ] || { echo 0; return; }
    printf '%s\0' "$@" | xargs -0 fincore --bytes --noheadings --output RES 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}
read_everything() { local m; for m in "$@"; do find "$m" -type f -exec cat {} + > /dev/null; done; }
walk_ms() { # DIR...: median of 5 warm walks (tar of every file) over all of them, in ms
    local i t0 m
    for i in 1 2 3 4 5; do
        t0=$(date +%s%N)
        for m in "$@"; do (cd "$m" && tar -cf - . | cat > /dev/null); done
        echo $((($(date +%s%N) - t0) / 1000000))
    done | sort -n | sed -n 3p
}
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
images=("$work/app-1.0.erofs" "$work/app-1.1.erofs")
in_store() { find "$work/store-$1" -type f -path "*/$2/*"; }   # BACKEND objects|meta: the store's files of that kind

# 1. The kernel's EROFS: each image caches its own copy.
uncache "${images[@]}"
for i in 0 1; do mkdir -p "$work/k$i"; mount -t erofs -o ro "${images[$i]}" "$work/k$i"; mounts+=("$work/k$i"); done
read_everything "$work/k0" "$work/k1"
kernel_walk=$(walk_ms "$work/k0" "$work/k1")
mapfile -t kernel_files < <(find "$work/k0" "$work/k1" -type f)
kernel_data=$(resident_bytes "${kernel_files[@]}")
kernel_meta=$(resident_bytes "${images[@]}")
umount "$work/k0" "$work/k1"; mounts=()

# 2. The overlay backend: `erofs store add` publishes every file and builds a small metadata image per image
# ahead of time (a first mount would do the same), so mounting is two kernel mounts and no daemon runs.
echo
for i in 0 1; do "${erofs[@]}" store add "$work/store-overlay" --domain=demo "${images[$i]}" | sed 's/^/  /'; done
mapfile -t objects < <(in_store overlay objects)
mapfile -t metadata < <(in_store overlay meta)
uncache "${images[@]}" "${objects[@]}" "${metadata[@]}"
for i in 0 1; do
    mkdir -p "$work/o$i"
    "${erofs[@]}" mount -o "inode_share,backend=overlay,domain_id=demo,store=$work/store-overlay" "${images[$i]}" "$work/o$i"
    mounts+=("$work/o$i")
done
read_everything "$work/o0" "$work/o1"
cmp "$work/o0/lib/libengine.so" "$work/o1/usr/lib/app/libengine.so.1"
overlay_walk=$(walk_ms "$work/o0" "$work/o1")
echo
echo "erofs store stats, both images mounted with backend=overlay:"
"${erofs[@]}" store stats "$work/store-overlay" | grep -Ev '^ +[0-9a-f]{64} ' | sed 's/^/  /'   # without the object list
for m in "$work/o0" "$work/o1"; do "${erofs[@]}" umount "$m"; done
mounts=()
overlay_objects=${#objects[@]}
overlay_data=$(resident_bytes "${objects[@]}")
overlay_meta=$(( $(resident_bytes "${metadata[@]}") + $(resident_bytes "${images[@]}") ))

# 3. The FUSE backend: a daemon per mount serves the image; each file is hashed and published at its first
# open and then read through FUSE passthrough from its object. `erofs umount` returns once the daemon has
# exited, so every object it published is linked by then (small ones are linked in batches).
uncache "${images[@]}"
for i in 0 1; do
    mkdir -p "$work/f$i"
    "${erofs[@]}" mount -o "inode_share,backend=fuse,domain_id=demo,store=$work/store-fuse" "${images[$i]}" "$work/f$i"
    mounts+=("$work/f$i")
done
read_everything "$work/f0" "$work/f1"
cmp "$work/f0/lib/libengine.so" "$work/f1/usr/lib/app/libengine.so.1"
fuse_walk=$(walk_ms "$work/f0" "$work/f1")
for m in "$work/f0" "$work/f1"; do "${erofs[@]}" umount "$m"; done
mounts=()
mapfile -t objects < <(in_store fuse objects)
fuse_objects=${#objects[@]}
fuse_data=$(resident_bytes "${objects[@]}")
fuse_meta=$(resident_bytes "${images[@]}")

echo
echo "Read every file of both images, counted their page cache (fincore), and timed a warm walk of both"
echo "mounts (tar of every file, median of 5):"
echo
printf '  %-44s %11s %11s %11s %10s\n' "" "file data" "metadata" "total" "warm walk"
row() { printf '  %-44s %11s %11s %11s %7s ms\n' "$1" "$(mib "$2")" "$(mib "$3")" "$(mib $(($2 + $3)))" "$4"; }
row "kernel EROFS mounts (a copy per image)" "$kernel_data" "$kernel_meta" "$kernel_walk"
row "erofs mount, backend=overlay (no daemon)" "$overlay_data" "$overlay_meta" "$overlay_walk"
row "erofs mount, backend=fuse (FUSE daemon)" "$fuse_data" "$fuse_meta" "$fuse_walk"
echo
saved() { # BACKEND DATA META OBJECTS
    awk -v b="$1" -v k=$((kernel_data + kernel_meta)) -v s=$(($2 + $3)) -v n="$4" \
        'BEGIN { printf "  Sharing saved %.1f MiB (%.0f%%) with the %s backend: %d objects back the files of both images.\n", (k - s) / 1048576, 100 * (k - s) / k, b, n }'
}
saved overlay "$overlay_data" "$overlay_meta" "$overlay_objects"
saved FUSE "$fuse_data" "$fuse_meta" "$fuse_objects"
echo "  (metadata: the image files; with the overlay backend also its metadata images. The kernel's"
echo "  file-backed mounts also cache the image file under the file data. Every FUSE open is a round trip"
echo "  to the daemon, which the walk of 1,500 small files shows; overlayfs stays in the kernel.)"
echo
echo "Counted after unmounting. The objects stay in the store for the next mount; 'erofs store gc' removes unused ones."
