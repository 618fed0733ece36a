# shellcheck shell=bash
# Native environment for VQ Lens's JVMs, set BEFORE the JVM starts (a native library reads it when it
# loads). Sourced by ./vqlens and by src/dev/test.sh (so Surefire's forked test JVMs inherit it).
#
# OPENBLAS_CORETYPE: the OpenBLAS bundled with ND4J 1.0.0-M2.1 (0.3.19, DYNAMIC_ARCH) does not know
# recent CPUs and falls back to generic kernels, 3-4x slower for sgemm. So pick the kernel set by the
# CPU's flags, and only then: a core type the CPU cannot run dies with SIGILL.
#   avx512f + avx512bw + avx512vl + avx512dq  ->  SkylakeX
#   avx2 + fma                                ->  Haswell
#   anything else, or not x86_64              ->  left unset (OpenBLAS decides)
# A value the user set is never touched. VQLENS_BLAS_CORETYPE_SOURCE tells the program who chose it:
# "launcher" or "user" (unset when nobody did).

vqlens_native_env() {
    if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
        # Inherited from an outer launcher or test run that chose it: still the launcher's choice.
        if [ "${VQLENS_BLAS_CORETYPE_SOURCE:-}" != launcher ]; then
            export VQLENS_BLAS_CORETYPE_SOURCE=user
        fi
        return 0
    fi
    unset VQLENS_BLAS_CORETYPE_SOURCE

    [ "$(uname -m 2>/dev/null)" = x86_64 ] || return 0
    local cpuinfo="${VQLENS_CPUINFO:-/proc/cpuinfo}"  # overridable, to check this logic on any machine
    [ -r "$cpuinfo" ] || return 0

    local flags coretype=""
    flags=" $(grep -m 1 '^flags' "$cpuinfo" 2>/dev/null | cut -d: -f2- | tr '\t' ' ' || true) "
    vqlens_has_flag() { case "$flags" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

    if vqlens_has_flag avx512f && vqlens_has_flag avx512bw && vqlens_has_flag avx512vl && vqlens_has_flag avx512dq; then
        coretype=SkylakeX
    elif vqlens_has_flag avx2 && vqlens_has_flag fma; then
        coretype=Haswell
    fi
    unset -f vqlens_has_flag

    if [ -n "$coretype" ]; then
        export OPENBLAS_CORETYPE="$coretype"
        export VQLENS_BLAS_CORETYPE_SOURCE=launcher
    fi
    return 0
}

vqlens_native_env
