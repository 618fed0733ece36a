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
#   launch→drawn    to its first frame (its pixels have more than one colour; read every ~5 ms with
#                   XGetImage by src/dev/first-frame.py),
#   launch→view     until the Train tab's view is built in place of its placeholder (traced by the JVM),
#   JVM CPU         processor time the JVM had used when the window was mapped (user + system, all
#                   threads, JIT compilers included): what the start costs, less swayed than wall
#                   time by other work on the machine,
#   launch→ND4J     until ND4J has loaded and the status bar names the backend (traced by the JVM),
#   bare→drawn      launch→drawn of src/dev/bare/BareWindow.java right after, on the same JavaFX: a bare
#                   window of the same shape (menu bar, tabs, status bar with a spinner), the floor here,
# then the medians, and the median ratio of VQ Lens's launch→drawn to the bare window's (one run,
# so comparable across machines and loads). --shot saves a picture of the window as first drawn, taken at once (it shows the
# status bar's "Loading ND4J…" when the window came first). Needs xdotool and xvfb-run (Debian:
# xdotool, xvfb), python3 and ImageMagick (import, for --shot). A benchmark, not a test: the figures depend on the
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

# The launch-relative time (ms) of a start-up milestone the JVM traced into file $1 (-Dvqlens.trace.startup).
milestone() { awk -v m="$2" 'index($0, m) && $1 == "startup" { print $2; exit }' "$1"; }

# Waits until a viewable window whose name matches $1 is mapped and prints its id; fails, showing the output
# file $4, when process $2 ends first or the deadline $3 (ms since the epoch) passes.
wait_for_window() {
    local name="$1" pid="$2" deadline="$3" out="$4" wid=""
    while [ -z "$wid" ]; do
        wid="$(xdotool search --onlyvisible --name "$name" 2>/dev/null | head -n 1 || true)"
        if [ -z "$wid" ]; then
            if ! kill -0 "$pid" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
                echo "window-time: no window $name (its output follows)" >&2
                cat "$out" >&2
                return 1
            fi
            sleep 0.01
        fi
    done
    echo "$wid"
}

# One launch; prints "mapped drawn view cpu nd4j" (ms), or fails.
measure() {
    local out="$work/out-$1" picture="${2:-}" t0 pid wid t_mapped t_window t_view="" t_nd4j="" java_pid cpu_ms deadline
    if xdotool search --onlyvisible --name '^VQ Lens' >/dev/null 2>&1; then
        echo "window-time: a VQ Lens window is already on this display" >&2
        return 1
    fi
    t0="$(now_ms)"
    # setsid: the launcher and its JVM form a process group of their own, ended together by its id.
    # The JVM traces its milestones in ms from t0, the moment the launcher started.
    VQLENS_JAVA_OPTS="-Dorg.slf4j.simpleLogger.logFile=$work/nd4j-$1.log -Dvqlens.trace.startup=true -Dvqlens.trace.t0=$t0" \
        $priority setsid "$launcher" >"$out" 2>&1 &
    pid=$!
    launcher_pgid="$pid"
    deadline=$(( t0 + 180000 ))
    wid="$(wait_for_window '^VQ Lens' "$pid" "$deadline" "$out")" || return 1
    t_mapped="$(now_ms)"
    java_pid="$(pgrep -g "$pid" -x java | head -n 1 || true)"
    cpu_ms=NA
    if [ -n "$java_pid" ]; then
        cpu_ms="$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f\n", ($12 + $13) * 1000 / hz }' "/proc/$java_pid/stat")"
    fi
    # Mapped is not yet drawn: wait for the first frame (more than one colour in the window's pixels).
    t_window="$(python3 "$root/src/dev/first-frame.py" "$wid" $(( (deadline - $(now_ms)) / 1000 )))" || return 1
    if [ -n "$picture" ]; then
        import -window "$wid" "$picture" 2>/dev/null || echo "window-time: could not take the picture" >&2
    fi
    while { [ -z "$t_view" ] || [ -z "$t_nd4j" ]; } && [ "$(now_ms)" -lt "$deadline" ]; do
        t_view="$(milestone "$out" "training view built")"
        t_nd4j="$(milestone "$out" "compute runtime loaded")"
        [ -n "$t_view" ] && [ -n "$t_nd4j" ] || sleep 0.05
    done
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # The JVM shuts down after its launcher: the next run starts once its window is gone.
    while { [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; } \
        || xdotool search --onlyvisible --name '^VQ Lens' >/dev/null 2>&1; do
        sleep 0.05
    done
    launcher_pgid=""
    echo "$(( t_mapped - t0 )) $(( t_window - t0 )) ${t_view:-NA} $cpu_ms ${t_nd4j:-NA}"
}

# One launch of src/dev/bare/BareWindow.java, the same JavaFX on the same display; prints launch→drawn (ms).
measure_bare() {
    local t0 pid wid deadline drawn
    t0="$(now_ms)"
    $priority setsid "$java" -p "$runtime_dir/modules" --add-modules javafx.controls -cp "$work/bare" BareWindow \
        >"$work/bare.out" 2>&1 &
    pid=$!
    launcher_pgid="$pid"
    deadline=$(( t0 + 60000 ))
    wid="$(wait_for_window '^Bare JavaFX window' "$pid" "$deadline" "$work/bare.out")" || return 1
    drawn="$(python3 "$root/src/dev/first-frame.py" "$wid" 60)" || return 1
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    while xdotool search --onlyvisible --name '^Bare JavaFX window' >/dev/null 2>&1; do
        sleep 0.05
    done
    launcher_pgid=""
    echo $(( drawn - t0 ))
}

median_real() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "warm-up launch (not counted)…" >&2
measure warmup >/dev/null
# The floor, measured in the same run: a bare JavaFX window of the same shape, on the runtime's JavaFX.
runtime_dir="${runtime:-$root/modules/app/target/runtime}"
java="java"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java="$JAVA_HOME/bin/java"
javac="$(dirname "$(readlink -f "$(command -v "$java")")")/javac"
"$javac" -d "$work/bare" -p "$runtime_dir/modules" --add-modules javafx.controls "$root/src/dev/bare/BareWindow.java"
measure_bare >/dev/null

row() { printf '%-6s %14s %14s %12s %12s %13s %12s\n' "$@"; }
row run launch→mapped launch→drawn launch→view "JVM CPU" launch→ND4J bare→drawn
: >"$work/results"
for i in $(seq 1 "$runs"); do
    picture=""
    [ "$i" -eq 1 ] && picture="$shot"
    read -r a b c d e < <(measure "$i" "$picture")
    f="$(measure_bare)"
    row "$i" "$a" "$b" "$c" "$d" "$e" "$f"
    echo "$a $b $c $d $e $f" >>"$work/results"
done
col() { awk -v c="$1" '$c != "NA" { print $c }' "$work/results" | median; }
row median "$(col 1)" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)" "$(col 6)"
awk '{ print $2 / $6 }' "$work/results" | median_real | awk '{ printf "launch→drawn / bare→drawn, median of the runs: %.2f\n", $1 }'
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$shot" ] && echo "picture of the window as first drawn: $shot"
exit 0
