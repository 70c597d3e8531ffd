#!/usr/bin/env python3
"""Prints the bytes of page cache the distinct file contents of TREE... need at the least: every
distinct regular-file content (by SHA-256) counted once, rounded up to whole 4 KiB pages. This is the
limit no sharing scheme can beat; bench/sharing.sh compares real page-cache use with it."""
import hashlib
import os
import sys

PAGE = 4096


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.digest()


def main(trees):
    sizes = {}
    total = 0
    for tree in trees:
        for root, _, files in os.walk(tree):
            for name in files:
                path = os.path.join(root, name)
                if not os.path.isfile(path) or os.path.islink(path):
                    continue
                size = os.path.getsize(path)
                total += -(-size // PAGE) * PAGE
                sizes[digest(path)] = size
    unique = sum(-(-s // PAGE) * PAGE for s in sizes.values())
    print(unique, total, len(sizes))


if __name__ == "__main__":
    main(sys.argv[1:])
