#!/usr/bin/env bash
# The headline in one minute: two images that hold the same file contents under different names,
# owners and times, read in full twice over, first through the kernel's own EROFS mounts (every image
# caches its own copy), then through `erofs mount` sharing one domain (one copy for both).
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

# Two releases of one application: same big files, different layout and metadata.
make_trees() {
    local v1=$work/app-1.0 v2=$work/app-1.1
    mkdir -p "$v1/lib" "$v1/share" "$v1/etc" "$v2/usr/lib/app" "$v2/usr/share/app" "$v2/etc/app"
    head -c 24M /dev/urandom > "$v1/lib/libengine.so"
    head -c 12M /dev/urandom > "$v1/share/model.bin"
    seq 1 400000 > "$v1/share/table.txt"
    echo "version=1.0" > "$v1/etc/app.conf"
    cp "$v1/lib/libengine.so" "$v2/usr/lib/app/libengine.so.1"
    cp "$v1/share/model.bin" "$v2/usr/share/app/model-v1.bin"
    cp "$v1/share/table.txt" "$v2/usr/share/app/table.txt"
    echo "version=1.1" > "$v2/etc/app/app.conf"
    echo "new in 1.1" > "$v2/usr/share/app/NEWS"
}
make_trees
"${erofs[@]}" mkfs --quiet --xattr-inode-digest -T 1700000000 "$work/app-1.0.erofs" "$work/app-1.0"
"${erofs[@]}" mkfs --quiet --xattr-inode-digest -T 1750000000 --force-uid=1000 --force-gid=1000 "$work/app-1.1.erofs" "$work/app-1.1"
echo "Built two images with SHA-256 fingerprints (mkfs --xattr-inode-digest):"
for v in 1.0 1.1; do printf '  app-%s.erofs  %s bytes, files: %s\n' "$v" "$(stat -c %s "$work/app-$v.erofs")" \
    "$(cd "$work/app-$v" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')"; done

uncache() { local f; for f in "$@"; do dd if="$f" iflag=nocache count=0 status=none; done; }
resident_bytes() { # FILE... -> bytes of these files in the page cache
    [ $# -gt 0 ] || { echo 0; return; }
    fincore --bytes --noheadings --output RES "$@" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}
read_everything() { local m; for m in "$@"; do find "$m" -type f -exec cat {} + > /dev/null; done; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
images=("$work/app-1.0.erofs" "$work/app-1.1.erofs")

# 1. The kernel's EROFS: each image caches its own copy.
uncache "${images[@]}"
for i in 0 1; do mkdir -p "$work/k$i"; mount -t erofs -o ro "${images[$i]}" "$work/k$i"; mounts+=("$work/k$i"); done
read_everything "$work/k0" "$work/k1"
mapfile -t kernel_files < <(find "$work/k0" "$work/k1" -type f)
kernel_data=$(resident_bytes "${kernel_files[@]}")
kernel_images=$(resident_bytes "${images[@]}")
umount "$work/k0" "$work/k1"; mounts=()

# 2. erofs mount, both images in domain "demo": fingerprinted files are backed by one shared object each.
uncache "${images[@]}"
for i in 0 1; do
    mkdir -p "$work/f$i"
    "${erofs[@]}" mount -o "inode_share,backend=fuse,domain_id=demo,store=$work/store" "${images[$i]}" "$work/f$i"
    mounts+=("$work/f$i")
done
read_everything "$work/f0" "$work/f1"
cmp "$work/f0/lib/libengine.so" "$work/f1/usr/lib/app/libengine.so.1"
echo
echo "erofs store stats, both images mounted:"
"${erofs[@]}" store stats "$work/store" | sed 's/^/  /'
# `erofs umount` returns once the daemon has exited, so every object it published is linked by then (small
# ones are linked in batches); their pages stay cached: they belong to the store's files, not the mounts.
for m in "$work/f0" "$work/f1"; do "${erofs[@]}" umount "$m"; done
mounts=()
mapfile -t objects < <(find "$work/store" -type f -path '*/objects/*')
shared_data=$(resident_bytes "${objects[@]}")
shared_images=$(resident_bytes "${images[@]}")
echo
echo "Read every file of both images, then counted their page cache (fincore):"
echo
printf '  %-44s %12s %12s %12s\n' "" "file data" "image files" "total"
row() { printf '  %-44s %12s %12s %12s\n' "$1" "$(mib "$2")" "$(mib "$3")" "$(mib $(($2 + $3)))"; }
row "kernel EROFS mounts (a copy per image)" "$kernel_data" "$kernel_images"
row "erofs mount -o inode_share,backend=fuse,domain_id=demo" "$shared_data" "$shared_images"
awk -v k=$((kernel_data + kernel_images)) -v s=$((shared_data + shared_images)) -v n="${#objects[@]}" \
    'BEGIN { printf "\n  Sharing saved %.1f MiB (%.0f%%): %d objects back the files of both images.\n", (k - s) / 1048576, 100 * (k - s) / k, n }'
echo "  (The kernel's file-backed mounts here also cache the image file under the file data.)"
echo
echo "Counted after unmounting. The objects stay in the store for the next mount; 'erofs store gc' removes unused ones."
