# Timing helpers the mkfs benchmarks share; source it after setting $runs.
#   seconds CMD...      wall time of one run (output discarded; a failure stops the script)
#   median              the median of the numbers on standard input
#   timed OUTPUT CMD... median of $runs runs, removing OUTPUT (and syncing) before each
#   size FILE           bytes
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() {
    local out=$1; shift
    local t=()
    for _ in $(seq "$runs"); do rm -f "$out"; sync; t+=("$(seconds "$@")"); done
    printf '%s\n' "${t[@]}" | median
}
size() { stat -c %s "$1"; }
