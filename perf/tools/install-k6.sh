#!/usr/bin/env bash
# Builds k6 from its Go module with `go install` and caches the binary per version:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/day2ops/tools/k6/<version>/k6
# Prints the binary's path on stdout (progress on stderr). A cached binary is reused only if it
# runs and reports the expected version; otherwise it is rebuilt. The build time of the last
# build is kept beside the binary (build-seconds) so the perf results can report it.
#
#   perf/tools/install-k6.sh            # the pinned version below
#   K6_VERSION=v1.8.1 perf/tools/install-k6.sh
#
# k6's go.mod (v1.8.1) has no replace directive, so `go install module@version` builds exactly
# the released module; if a future version adds one, `go install` refuses, and this script
# then builds from the downloaded module directory instead (same sources, its go.mod honoured).
set -euo pipefail

# v1.8.1 was the newest version `go list -m -versions go.k6.io/k6` resolved when this was pinned.
K6_VERSION=${K6_VERSION:-v1.8.1}
cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/day2ops/tools/k6
dest=$cache_root/$K6_VERSION
k6=$dest/k6

note() { printf 'install-k6: %s\n' "$*" >&2; }

if [ -x "$k6" ] && "$k6" version 2>/dev/null | grep -q "k6 ${K6_VERSION}"; then
  echo "$k6"
  exit 0
fi

command -v go >/dev/null || { note "go is not on PATH (k6 is built with go install; Go >= 1.25 needed for k6 $K6_VERSION)"; exit 1; }
mkdir -p "$dest"
build_dir=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$build_dir"' EXIT

note "building k6 $K6_VERSION with $(go version | awk '{print $3}') (several minutes on 2 cores)"
started=$(date +%s.%N)
export CGO_ENABLED=0 GOBIN=$build_dir/bin GOFLAGS=${GOFLAGS:--trimpath}
if ! go install "go.k6.io/k6@${K6_VERSION}" 2> "$build_dir/go.log"; then
  if grep -q 'replace directives' "$build_dir/go.log"; then
    note "go.mod of k6 $K6_VERSION has replace directives; building from the downloaded module"
    go mod download -json "go.k6.io/k6@${K6_VERSION}" > "$build_dir/module.json"
    src=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$build_dir/module.json")
    cp -r "$src" "$build_dir/src" && chmod -R u+w "$build_dir/src"
    (cd "$build_dir/src" && go build -o "$build_dir/bin/k6" .) 2>> "$build_dir/go.log" \
      || { cat "$build_dir/go.log" >&2; exit 1; }
  else
    cat "$build_dir/go.log" >&2
    exit 1
  fi
fi
finished=$(date +%s.%N)
mv "$build_dir/bin/k6" "$k6.tmp" && mv "$k6.tmp" "$k6"
seconds=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }')
echo "$seconds" > "$dest/build-seconds"
note "built $("$k6" version | head -n 1) in ${seconds} s -> $k6"
echo "$k6"
