#!/usr/bin/env bash
# The project's test command (README, and .ci/run): the whole Maven build with every test.
#
#   src/dev/test.sh [extra Maven arguments, e.g. -pl modules/core -am]
#
# - Sources src/launcher/native-env.sh first, so the forked test JVMs run with the same
#   OPENBLAS_CORETYPE as ./vqlens.
# - The golden-file and interop checks make and read files with numpy, torch and faiss (/usr/bin/python3):
#   installs Debian's python3-numpy, python3-torch and python3-faiss when missing and that is possible (root + apt-get).
# - UI tests run headless (Monocle): no display needed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# shellcheck source=../launcher/native-env.sh
. src/launcher/native-env.sh

# The interop tests make their inputs with the real libraries: numpy, torch (torch.save) and faiss (write_index).
python_packages=(python3-numpy python3-torch python3-faiss)
if ! /usr/bin/python3 -c 'import numpy, torch, faiss' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing ${python_packages[*]} (the interop tests make and read files with the real libraries)…" >&2
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq "${python_packages[@]}"; } >&2
    else
        echo "test.sh: the tests need numpy, torch and faiss for /usr/bin/python3: install them (Debian/Ubuntu: sudo apt-get install ${python_packages[*]}) and run again." >&2
        exit 1
    fi
fi

exec ./mvnw -B verify "$@"
