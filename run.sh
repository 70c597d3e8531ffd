#!/usr/bin/env bash
# The main job. Builds the `erofs` command, then
#   ./run.sh                               the headline demo (needs root): two images sharing content,
#                                          mounted in one domain, page cache with and without sharing
#   ./run.sh tour [IMAGE [--device=BLOB]...]  dumps, lists, checks and extracts IMAGE (default
#                                          samples/sample.erofs), then rebuilds the tree with mkfs
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v fincore >/dev/null; then
    apt-get update -qq && apt-get install -y -qq util-linux-extra >/dev/null   # fincore, for the demo's page-cache counts
fi
dotnet build src/Erofs.Cli -c Release -nologo -v quiet >/dev/null
erofs() { dotnet src/Erofs.Cli/bin/Release/net10.0/erofs.dll "$@"; }

if [ "${1:-}" != tour ]; then
    exec samples/sharing-demo.sh dotnet src/Erofs.Cli/bin/Release/net10.0/erofs.dll
fi
shift
image=${1:-samples/sample.erofs}
shift || true
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
