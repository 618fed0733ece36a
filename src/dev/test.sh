#!/usr/bin/env bash
# The project's test command (README, and .ci/run): the whole Maven build with every test.
#
#   src/dev/test.sh [extra Maven arguments, e.g. -pl modules/core -am]
#
# - Sources src/launcher/native-env.sh first, so the forked test JVMs run with the same
#   OPENBLAS_CORETYPE as ./vqlens.
# - The golden-file checks read .npy/.npz/.safetensors files back with numpy (/usr/bin/python3):
#   installs Debian's python3-numpy when it is missing and that is possible (root + apt-get).
# - UI tests run headless (Monocle): no display needed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# shellcheck source=../launcher/native-env.sh
. src/launcher/native-env.sh

if ! /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing python3-numpy (the golden-file tests read arrays back with numpy)…" >&2
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq python3-numpy; } >&2
    else
        echo "test.sh: the tests need numpy for /usr/bin/python3: install it (Debian/Ubuntu: sudo apt-get install python3-numpy) and run again." >&2
        exit 1
    fi
fi

exec ./mvnw -B verify "$@"
