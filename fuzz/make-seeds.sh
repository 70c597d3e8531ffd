#!/usr/bin/env bash
# Regenerates the committed seeds under fuzz/seeds/ (run by hand; the results are checked in so
# every run starts from the same corpus). Needs: the .NET SDK, GNU tar, gzip, setfattr (attr),
# and Debian's mkfs.erofs 1.5 (erofs-utils) for LZ4 images made by another tool.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SEEDS=$PWD/fuzz/seeds
dotnet build src/Erofs.Cli -c Release -nologo -v quiet >/dev/null
erofs() { dotnet src/Erofs.Cli/bin/Release/net10.0/erofs.dll "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A small tree with one of each kind of thing: inline, multi-block and empty files, a hard link,
# a symlink, a FIFO, a device, nested directories, xattrs (shared, long-prefixed, binary).
tree=$work/tree
mkdir -p "$tree/dir/sub/deeper"
printf 'hello, erofs\n' >"$tree/small"
head -c 9000 < <(yes 'compressible line of text for the pcluster encoders') >"$tree/dir/medium"
head -c 5000 /dev/urandom >"$tree/dir/random"
{ head -c 6000 < <(yes abcdefgh); head -c 3000 /dev/urandom; head -c 5000 < <(yes zz); } >"$tree/dir/mixed"
: >"$tree/dir/empty"
printf 'deep\n' >"$tree/dir/sub/deeper/file"
ln "$tree/small" "$tree/dir/hard"
ln -s dir/medium "$tree/link"
mkfifo "$tree/fifo"
mknod "$tree/null" c 1 3
setfattr -n user.note -v hello "$tree/small"
setfattr -n user.note -v hello "$tree/dir/medium"
setfattr -n user.nodata.long.prefix.name -v 0x00ff7f80 "$tree/dir/random"
setfattr -n trusted.overlay.opaque -v y "$tree/dir/sub"
touch -h -d @1700000000 "$tree" "$tree"/* "$tree"/dir/* "$tree"/dir/sub/deeper/*

W="$SEEDS/image-walk"
rm -rf "$W" "$SEEDS/file-read" "$SEEDS/tar" "$SEEDS/fuse-request"
mkdir -p "$W" "$SEEDS/file-read" "$SEEDS/tar" "$SEEDS/fuse-request"
ours() { local name=$1; shift; erofs mkfs --quiet -T1700000000 -Uclear "$@" "$W/$name.erofs" "$tree"; }
ours plain
ours noinline -Enoinline_data
ours compact -Eforce-inode-compact --ignore-mtime
ours extended -Eforce-inode-extended
ours blockmap -Eforce-inode-blockmap
ours b512 -b512
ours chunked --chunksize=4096
ours chunk-indexes --chunksize=8192 -Eforce-chunk-indexes
ours shared-xattrs -x1 --xattr-prefix=user.nodata.
ours no-filter -E^xattr-name-filter
ours fingerprint --xattr-inode-digest
# Compressed images from our own mkfs: the only small LZMA, DEFLATE and Zstandard images there are.
for alg in lz4hc lzma deflate zstd; do
    ours "ours-$alg" -z"$alg" -C16384 -Eztailpacking
done
theirs() { local name=$1; shift; mkfs.erofs --quiet -T1700000000 -U5eed0000-0000-4000-8000-000000000001 "$@" "$W/$name.erofs" "$tree" >/dev/null; }
theirs lz4 -zlz4
theirs lz4hc -zlz4hc,12
theirs lz4-bigpcluster -zlz4hc -C16384
theirs lz4-legacy -zlz4 -Elegacy-compress
theirs lz4-ztailpacking -zlz4hc -Eztailpacking

# (yes's SIGPIPE above is why the pipes are process substitutions.)
# tar: ustar, GNU and PAX headers, long names, xattrs, sparse files, gzip, OCI whiteouts.
cd "$tree"
long=$(printf 'n%.0s' $(seq 120))
mkdir -p "$work/extra/$long/$long"
printf 'x\n' >"$work/extra/$long/$long/f"
printf 'gone\n' >"$work/extra/.wh.removed"
: >"$work/extra/.wh..wh..opq"
truncate -s 200000 "$work/extra/sparse" && printf 'tail' | dd of="$work/extra/sparse" bs=1 seek=150000 conv=notrunc status=none
T="$SEEDS/tar"
tar_opts=(--sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -b1)
tar "${tar_opts[@]}" --format=ustar -cf "$T/ustar.tar" small dir/medium link dir/hard 2>/dev/null
tar "${tar_opts[@]}" --format=pax --xattrs --xattrs-include='*' -cf "$T/pax-xattrs.tar" small dir/random dir/sub fifo null
tar "${tar_opts[@]}" --format=gnu -C "$work/extra" -cf "$T/gnu-longname.tar" "$long"
tar "${tar_opts[@]}" --format=gnu -S -C "$work/extra" -cf "$T/gnu-sparse.tar" sparse
tar "${tar_opts[@]}" --format=pax -S --sparse-version=1.0 -C "$work/extra" -cf "$T/pax-sparse.tar" sparse
tar "${tar_opts[@]}" --format=pax -C "$work/extra" -cf "$T/whiteouts.tar" .wh.removed .wh..wh..opq
tar "${tar_opts[@]}" --format=pax -cf - small dir/hard dir/empty | gzip -9n >"$T/gzip.tar.gz"
cd - >/dev/null

# file-read: an image plus a 28-byte trailer (file selector, then four reads of offset u32 + length u16).
trailer() { printf "$1" >>"$2"; }
for name in plain chunked lz4hc lz4-ztailpacking lz4-bigpcluster; do
    f="$SEEDS/file-read/$name"
    cp "$W/$name.erofs" "$f"
    trailer '\x02\x00\x00\x00\x00\x00\x00\x00\x00\x10\x00\x10\x00\x00\x00\x02\xa0\x0f\x00\x00\x00\x00\x00\x00\x40\x00\x00\x01' "$f"
done

# fuse-request: sessions against the image the harness serves.
cp "$W/plain.erofs" "$SEEDS/fuse-target.erofs"
dotnet run --project fuzz/Erofs.Fuzz -c Release -- make-fuse-seeds "$SEEDS/fuse-target.erofs" "$SEEDS/fuse-request"
du -sh "$SEEDS"
