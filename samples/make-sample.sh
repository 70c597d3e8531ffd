#!/usr/bin/env bash
# Rebuilds samples/sample.erofs, the small image the README's first command inspects and extracts.
# Made once with Debian's mkfs.erofs 1.5 (apt erofs-utils) and committed; run as root (device node, xattrs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/etc" "$tree/usr/share/doc" "$tree/empty"
printf 'Hello from an EROFS image.\n' > "$tree/hello.txt"
printf 'name=sample\nversion=1\n' > "$tree/etc/sample.conf"
head -c 10000 /dev/zero | tr '\0' 'e' > "$tree/usr/share/doc/ten-thousand-e.txt"
ln -s ../hello.txt "$tree/etc/hello-link"
ln "$tree/hello.txt" "$tree/usr/share/doc/hello-hardlink.txt"
mkfifo "$tree/fifo"
mknod "$tree/null" c 1 3
setfattr -n user.comment -v "an xattr" "$tree/hello.txt"
chmod 0600 "$tree/etc/sample.conf"
chown 1000:1000 "$tree/usr/share/doc/ten-thousand-e.txt"
chmod 0755 "$tree"
find "$tree" -exec touch -h -d @1700000000 {} +
mkfs.erofs -T1700000000 -U5eed0000-0000-4000-8000-0000000000aa "$here/sample.erofs" "$tree"
