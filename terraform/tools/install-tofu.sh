#!/usr/bin/env bash
# Builds OpenTofu from its Go module (as served by the Go module proxy) and caches
# the binary, so the checks never depend on a release download.
#
# OpenTofu's go.mod carries a `replace` directive, so `go install module@version` is
# refused; instead the module is downloaded into the module cache, copied out (the
# cache is read-only) and `./cmd/tofu` is built inside it, where the replace applies.
#
# Usage: terraform/tools/install-tofu.sh          prints the path of the tofu binary
# Env:   TOFU_VERSION      OpenTofu module version (default below)
#        DAY2OPS_TOOLS_DIR cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/day2ops/tools)
#        GO_BUILD_PARALLELISM  go build -p (default 2: the machines have 2 cores, shared)
set -euo pipefail

TOFU_VERSION="${TOFU_VERSION:-v1.12.6}"
TOOLS_DIR="${DAY2OPS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/day2ops/tools}"
PARALLELISM="${GO_BUILD_PARALLELISM:-2}"

target_dir="$TOOLS_DIR/tofu/$TOFU_VERSION"
target="$target_dir/tofu"

log() { printf '[install-tofu] %s\n' "$*" >&2; }

if [[ -x "$target" ]] && "$target" version >/dev/null 2>&1; then
  echo "$target"
  exit 0
fi

command -v go >/dev/null || { log "go is required (the Go toolchain builds OpenTofu)"; exit 1; }

log "building OpenTofu $TOFU_VERSION from the Go module proxy (takes a few minutes once)"
module_json="$(go mod download -json "github.com/opentofu/opentofu@$TOFU_VERSION")"
module_dir="$(printf '%s' "$module_json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -n "$module_dir" && -f "$module_dir/go.mod" ]] || { log "go mod download gave no module dir:"; printf '%s\n' "$module_json" >&2; exit 1; }

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# Only what the build reads: the module tree without docs/website keeps the copy small.
cp -R "$module_dir/." "$work/src"
chmod -R u+w "$work/src"
rm -rf "$work/src/website" "$work/src/docs" "$work/src/rfc"

mkdir -p "$target_dir"
(
  cd "$work/src"
  # dev=no drops the "-dev" suffix, as release builds do.
  GOFLAGS="${GOFLAGS:-} -mod=readonly" CGO_ENABLED=0 go build -p "$PARALLELISM" -trimpath \
    -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
    -o "$target.tmp" ./cmd/tofu
)
mv "$target.tmp" "$target"
log "installed $("$target" version | sed -n 1p) at $target"
echo "$target"
