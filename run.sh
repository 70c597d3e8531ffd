#!/usr/bin/env bash
# The main job: build the `erofs` command, show what it does on an image
# (default: samples/sample.erofs, kept in the repository), then rebuild the extracted tree with
# `erofs mkfs` and check it. Usage: ./run.sh [IMAGE [--device=BLOB]...]
set -euo pipefail
cd "$(dirname "$0")"
image=${1:-samples/sample.erofs}
shift || true
dotnet build src/Erofs.Cli -c Release -nologo -v quiet >/dev/null
erofs() { dotnet src/Erofs.Cli/bin/Release/net10.0/erofs.dll "$@"; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== erofs dump -s $image";              erofs dump -s "$@" "$image"
echo; echo "== erofs ls -l $image /";         erofs ls -l "$@" "$image" /
echo; echo "== erofs fsck --extract $image";  erofs fsck --extract "$@" "$image"
echo; echo "== erofs extract $image DIR";     erofs extract "$@" "$image" "$out/tree"
find "$out/tree" -printf '%M %u:%g %9s %TY-%Tm-%Td %p\n' | sed "s|$out/tree|DIR|" | sort -k5
echo; echo "== erofs mkfs --xattr-inode-digest REBUILT DIR  (the extracted tree, built again by our mkfs)"
erofs mkfs -T1700000000 -Uclear --xattr-inode-digest "$out/rebuilt.erofs" "$out/tree"
echo; echo "== erofs fsck --xattr-inode-digest REBUILT"; erofs fsck --xattr-inode-digest "$out/rebuilt.erofs"
