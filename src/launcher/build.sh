# shellcheck shell=bash
# Sourced by ./vqlens: builds the runtime image once, and again only when the sources changed.
#
#   vqlens_ensure_built ROOT LOG_DIR
#
# The image is what `package` assembles in modules/app/target/runtime (see modules/app/pom.xml):
# modules/ for the module path, classpath/ for the class path. A stamp file records the last good
# build; any pom.xml or file under modules/*/src/main newer than it means "build again". The build's
# output goes to LOG_DIR/build.log and is shown (its end) only when it fails.

vqlens_runtime_dir() { printf '%s\n' "$1/modules/app/target/runtime"; }

# True (0) when the runtime image is missing or older than a source.
vqlens_needs_build() {
    local root="$1" runtime stamp
    runtime="$(vqlens_runtime_dir "$root")"
    stamp="$runtime/.built"
    [ -f "$stamp" ] && [ -d "$runtime/modules" ] && [ -d "$runtime/classpath" ] || return 0
    # -print -quit: stop at the first newer file, so the check stays a few milliseconds.
    [ -n "$(find "$root/pom.xml" "$root"/modules/*/pom.xml "$root"/modules/*/src/main \
                 -newer "$stamp" -print -quit 2>/dev/null)" ]
}

vqlens_ensure_built() {
    local root="$1" log_dir="$2" runtime log started
    runtime="$(vqlens_runtime_dir "$root")"
    vqlens_needs_build "$root" || return 0

    mkdir -p "$root/modules/app/target"
    # One build at a time: a second ./vqlens started meanwhile waits, then finds the image fresh.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$root/modules/app/target/.vqlens-build.lock"
        flock 9
        if ! vqlens_needs_build "$root"; then
            exec 9>&-
            return 0
        fi
    fi

    log="$log_dir/build.log"
    if [ -f "$runtime/.built" ]; then
        printf 'vqlens: sources changed, rebuilding…\n' >&2
    else
        printf 'vqlens: building (first run, ~2 min)…\n' >&2
    fi
    # The stamp takes the time the build STARTED, so an edit made during the build triggers the next one.
    started="$(mktemp "$root/modules/app/target/.build-started.XXXXXX")"
    if ! (cd "$root" && ./mvnw -q -B -DskipTests package) >"$log" 2>&1; then
        rm -f "$started"
        printf 'vqlens: the build failed; the end of %s:\n' "$log" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    if [ ! -d "$runtime/modules" ] || [ ! -d "$runtime/classpath" ]; then
        rm -f "$started"
        printf 'vqlens: the build left no runtime in %s (see %s)\n' "$runtime" "$log" >&2
        exit 1
    fi
    mv -f "$started" "$runtime/.built"
    exec 9>&- # the lock, if taken
}
