# Shell shared by the sharing benchmarks (bench/sharing.sh, bench/overlay.sh); source it from the repository root.
#   need COMMAND PACKAGE    installs PACKAGE with apt-get when COMMAND is missing
#   make_trees              sets trees=(minbase +python3 +curl +perl): four Debian bookworm trees that share
#                           most files, made once under $BENCH_CACHE (default /var/tmp/erofs-bench) by
#                           debootstrap (minbase), then copies with one package installed in a chroot; when
#                           debootstrap fails (no mirror), four overlapping copies of the host's /usr instead
#                           (host_trees). Sets trees_made_by to say which.
#   drop                    sync and drop the page cache, dentries and inodes
#   steady CMD...           CMD again while another process dropped the caches during it (see below)
#   cached_kib              Cached in /proc/meminfo (KiB)
#   median                  the median of the numbers on standard input (one a line)
#   resident FILE...        bytes of these files in the page cache (fincore, util-linux-extra)
#   read_all DIR...         reads every regular file under each DIR
#   load                    the load averages (1, 5, 15 min)
bench_cache=${BENCH_CACHE:-/var/tmp/erofs-bench}

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$2" >/dev/null; }; }

make_trees() {
    mkdir -p "$bench_cache"
    if [ ! -d "$bench_cache/minbase" ]; then
        need debootstrap debootstrap
        rm -rf "$bench_cache/minbase.tmp"
        if ! debootstrap --variant=minbase bookworm "$bench_cache/minbase.tmp" http://deb.debian.org/debian >/dev/null; then
            echo "debootstrap could not make a Debian tree (no mirror?): using four variants of the host's /usr instead" >&2
            host_trees
            return
        fi
        mv "$bench_cache/minbase.tmp" "$bench_cache/minbase"
    fi
    local p
    for p in python3 curl perl; do
        [ -d "$bench_cache/deb-$p" ] && continue
        rm -rf "$bench_cache/deb-$p.tmp"
        cp -a "$bench_cache/minbase" "$bench_cache/deb-$p.tmp"
        chroot "$bench_cache/deb-$p.tmp" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $p >/dev/null && apt-get clean"
        mv "$bench_cache/deb-$p.tmp" "$bench_cache/deb-$p"
    done
    trees=("$bench_cache/minbase" "$bench_cache/deb-python3" "$bench_cache/deb-curl" "$bench_cache/deb-perl")
    trees_made_by="debootstrap (Debian bookworm minbase, +python3, +curl, +perl)"
}

# The substitute when no Debian mirror answers: a base of the host's /usr/bin, /usr/sbin, /usr/share/perl and
# /usr/share/zoneinfo, and three copies that each add one more directory (/usr/share/doc, man, locale).
host_trees() {
    local extra=("" usr/share/doc usr/share/man usr/share/locale) i dir
    trees=()
    for i in 0 1 2 3; do
        dir=$bench_cache/host-$i
        if [ ! -d "$dir" ]; then
            rm -rf "$dir.tmp"
            mkdir -p "$dir.tmp"
            # shellcheck disable=SC2086  # ${extra[$i]} is one path or nothing
            tar -C / -cf - usr/bin usr/sbin usr/share/perl usr/share/zoneinfo ${extra[$i]} 2>/dev/null | tar -C "$dir.tmp" -xf -
            mv "$dir.tmp" "$dir"
        fi
        trees+=("$dir")
    done
    trees_made_by="the host's /usr (base: bin, sbin, share/perl, share/zoneinfo; + share/doc, + share/man, + share/locale)"
}

drop() { sync; echo 3 > /proc/sys/vm/drop_caches; own_drops=$((${own_drops:-0} + 1)); }
# Other work on the machine (another benchmark) may drop the caches in the middle of a measurement: /proc/vmstat
# counts every drop_caches. steady CMD... runs CMD (which may call drop itself) again, at most 5 times in all,
# while another process dropped the caches during it; retaken counts the repeats.
drops() { awk '$1 == "drop_pagecache" { print $2 }' /proc/vmstat; }
retaken=0
steady() {
    local try d0 o0
    for try in 1 2 3 4 5; do
        d0=$(drops) o0=${own_drops:-0}
        "$@"
        [ $(($(drops) - d0)) -gt $((${own_drops:-0} - o0)) ] || return 0
        retaken=$((retaken + 1))
    done
    echo "warning: another process dropped the caches during each of 5 tries of: $*" >&2
}
cached_kib() { awk '/^Cached:/ { print $2 }' /proc/meminfo; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
resident() {
    [ $# -gt 0 ] || { echo 0; return; }
    printf '%s\0' "$@" | xargs -0 fincore --bytes --noheadings --output RES 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}
read_all() { local m; for m in "$@"; do find "$m" -type f -print0 | xargs -0 -r cat > /dev/null 2>&1 || true; done; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
