#!/usr/bin/env bash
# How long ./vqlens takes to put its window on screen, and whether that is before ND4J has loaded.
#
#   src/dev/window-time.sh [RUNS] [--shot FILE.png] [--runtime DIR] [--priority]
#
# Launches ./vqlens RUNS times (default 5) after one unmeasured warm-up launch (which also builds the
# runtime if the sources changed), each on a virtual display (xvfb-run, when there is no DISPLAY), and
# per run reports, in milliseconds:
#   launch→mapped   from starting ./vqlens (the shell launcher included) to the window being mapped
#                   (xdotool sees a viewable window named "VQ Lens"),
#   launch→drawn    to its first frame (its pixels have more than one colour; polled with xwd, which
#                   takes 0.05-0.3 s a try, so this is late by up to that much),
#   JVM→drawn       from the JVM's process start (from /proc, 10 ms resolution) to the same moment,
#   JVM CPU         processor time the JVM had used when the window was mapped (user + system, all
#                   threads, JIT compilers included): what the start costs, less swayed than wall
#                   time by other work on the machine,
#   launch→ND4J     until ND4J has initialised its backend (its first log line, written to a log file
#                   of this run),
# then the medians. --shot saves a picture of the window as first drawn, taken at once (it shows the
# status bar's "Loading ND4J…" when the window came first). Needs xdotool and xvfb-run (Debian:
# xdotool, xvfb), xwd (x11-apps) and ImageMagick (convert, import). A benchmark, not a test: the figures depend on the
# machine and its load.
#
# --runtime DIR runs the launcher against another runtime image, e.g. one built with
# `./mvnw -Dvqlens.target=target-x -DskipTests package` (modules/app/target-x/runtime): a copy of the
# launcher in a scratch folder, so it neither rebuilds nor touches modules/app/target while others
# edit the sources. --priority (root only) runs it at nice -15, ahead of other work on a shared
# machine: closer to what a quiet machine shows.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
runs=5
shot=""
runtime=""
priority=""
while [ "$#" -gt 0 ]; do
    case "$1" in
        --shot) shot="$(readlink -f "$2")"; shift 2 ;;
        --shot=*) shot="$(readlink -f "${1#--shot=}")"; shift ;;
        --runtime) runtime="$(readlink -f "$2")"; shift 2 ;;
        --priority) priority="nice -n -15"; shift ;;
        -h|--help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) runs="$1"; shift ;;
    esac
done
case "$runs" in ''|*[!0-9]*|0) echo "window-time: RUNS must be a positive number, got '$runs'" >&2; exit 2 ;; esac

for tool in xdotool xvfb-run; do
    command -v "$tool" >/dev/null || { echo "window-time: $tool is missing (Debian: apt-get install xdotool xvfb)" >&2; exit 1; }
done

# No display: run the whole measurement on one virtual display.
if [ -z "${DISPLAY:-}" ] && [ -z "${VQLENS_WINDOW_TIME_XVFB:-}" ]; then
    args=("$runs")
    [ -n "$shot" ] && args+=(--shot "$shot")
    [ -n "$runtime" ] && args+=(--runtime "$runtime")
    [ -n "$priority" ] && args+=(--priority)
    exec env VQLENS_WINDOW_TIME_XVFB=1 xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "${args[@]}"
fi

work="$(mktemp -d)"
launcher_pgid=""
cleanup() {
    if [ -n "$launcher_pgid" ]; then
        kill -TERM -- "-$launcher_pgid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

launcher="$root/vqlens"
if [ -n "$runtime" ]; then
    [ -d "$runtime/modules" ] && [ -d "$runtime/classpath" ] || { echo "window-time: $runtime is no runtime image (modules/, classpath/)" >&2; exit 1; }
    # The launcher's own copy, in a root with no sources: it finds nothing newer than the image's stamp.
    mkdir -p "$work/root/src/launcher" "$work/root/modules/app/target"
    cp "$root/vqlens" "$work/root/"
    cp "$root"/src/launcher/*.sh "$work/root/src/launcher/"
    ln -s "$runtime" "$work/root/modules/app/target/runtime"
    ln -s "$root/resources" "$work/root/resources"
    [ -f "$runtime/.built" ] || touch "$runtime/.built"
    launcher="$work/root/vqlens"
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Start time (ms since the epoch) of process $1, from /proc: its start in clock ticks after boot.
process_start_ms() {
    local pid="$1" ticks hz up_s now
    ticks="$(awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$pid/stat")" # field 22 of stat; the name may hold spaces
    hz="$(getconf CLK_TCK)"
    now="$(now_ms)"
    up_s="$(cut -d' ' -f1 /proc/uptime)"
    awk -v now="$now" -v up="$up_s" -v t="$ticks" -v hz="$hz" 'BEGIN { printf "%.0f\n", now - up * 1000 + t * 1000 / hz }'
}

# One launch; prints "launch_to_window jvm_to_window launch_to_nd4j" (ms), or fails.
measure() {
    local log="$work/nd4j-$1.log" picture="${2:-}" t0 pid wid="" t_mapped t_window t_nd4j="" java_pid jvm_start cpu_ms deadline
    rm -f "$log"
    if xdotool search --onlyvisible --name '^VQ Lens' >/dev/null 2>&1; then
        echo "window-time: a VQ Lens window is already on this display" >&2
        return 1
    fi
    t0="$(now_ms)"
    # setsid: the launcher and its JVM form a process group of their own, ended together by its id.
    VQLENS_JAVA_OPTS="-Dorg.slf4j.simpleLogger.logFile=$log" $priority setsid "$launcher" >"$work/out-$1" 2>&1 &
    pid=$!
    launcher_pgid="$pid"
    deadline=$(( t0 + 180000 ))
    while [ -z "$wid" ]; do
        wid="$(xdotool search --onlyvisible --name '^VQ Lens' 2>/dev/null | head -n 1 || true)"
        if [ -z "$wid" ]; then
            if ! kill -0 "$pid" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
                echo "window-time: no window (launcher output follows)" >&2
                cat "$work/out-$1" >&2
                return 1
            fi
            sleep 0.01
        fi
    done
    t_mapped="$(now_ms)"
    java_pid="$(pgrep -g "$pid" -x java | head -n 1 || true)"
    cpu_ms=NA
    if [ -n "$java_pid" ]; then # before ND4J: the window starts loading it once shown
        cpu_ms="$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f\n", ($12 + $13) * 1000 / hz }' "/proc/$java_pid/stat")"
    fi
    # Mapped is not yet drawn: wait for the first frame (more than one colour in the window's pixels).
    while [ "$(xwd -id "$wid" -silent 2>/dev/null | convert xwd:- -format '%k' info: 2>/dev/null || echo 0)" -le 1 ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "window-time: the window stayed blank" >&2; return 1; }
    done
    t_window="$(now_ms)"
    if [ -n "$picture" ]; then
        import -window "$wid" "$picture" 2>/dev/null || echo "window-time: could not take the picture" >&2
    fi
    jvm_start="$( [ -n "$java_pid" ] && process_start_ms "$java_pid" || echo "")"
    while [ -z "$t_nd4j" ] && [ "$(now_ms)" -lt "$deadline" ]; do
        if grep -q 'Binary level\|nativeops\|Backend used' "$log" 2>/dev/null; then
            t_nd4j="$(now_ms)"
        else
            sleep 0.02
        fi
    done
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # The JVM shuts down after its launcher: the next run starts once its window is gone.
    while { [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; } \
        || xdotool search --onlyvisible --name '^VQ Lens' >/dev/null 2>&1; do
        sleep 0.05
    done
    launcher_pgid=""
    echo "$(( t_mapped - t0 )) $(( t_window - t0 )) $( [ -n "$jvm_start" ] && echo $(( t_window - jvm_start )) || echo NA) $cpu_ms $( [ -n "$t_nd4j" ] && echo $(( t_nd4j - t0 )) || echo NA)"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "warm-up launch (not counted)…" >&2
measure warmup >/dev/null

row() { printf '%-6s %14s %14s %12s %12s %13s\n' "$@"; }
row run launch→mapped launch→drawn JVM→drawn "JVM CPU" launch→ND4J
: >"$work/results"
for i in $(seq 1 "$runs"); do
    picture=""
    [ "$i" -eq 1 ] && picture="$shot"
    read -r a b c d e < <(measure "$i" "$picture")
    row "$i" "$a" "$b" "$c" "$d" "$e"
    echo "$a $b $c $d $e" >>"$work/results"
done
col() { awk -v c="$1" '$c != "NA" { print $c }' "$work/results" | median; }
row median "$(col 1)" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$shot" ] && echo "picture of the window as first drawn: $shot"
exit 0
