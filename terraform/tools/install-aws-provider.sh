#!/usr/bin/env bash
# Builds the AWS provider plugin from a Go module served by the Go module proxy and
# lays it out as an OpenTofu filesystem mirror, so `tofu init` never needs a registry.
#
# Why not github.com/hashicorp/terraform-provider-aws itself: the Go module proxy
# serves that module only at v1.60.0 (2019; plugin protocol 4, which OpenTofu cannot
# load); every newer tag or pseudo-version is refused ("This module version is not
# available"). github.com/upbound/terraform-provider-aws is the fork that Crossplane's
# AWS provider builds from: upstream v6.13.0 (CHANGELOG head) plus a library entry
# point, same `internal/` resource code and schemas, module path unchanged. It is
# used only to give `tofu validate` / `tofu test` the real resource schemas; users
# who apply the module get hashicorp/aws from their registry as usual.
#
# The checksum database does not know that pseudo-version, so the module zip is
# verified against the h1: hash pinned below instead.
#
# Usage: terraform/tools/install-aws-provider.sh   prints the filesystem mirror dir
# Env:   DAY2OPS_TOOLS_DIR, GO_BUILD_PARALLELISM (see install-tofu.sh)
#        AWS_PROVIDER_BUILD_TIMING=file   write /usr/bin/time -v output of the build there
set -euo pipefail

PROVIDER_MODULE="github.com/upbound/terraform-provider-aws"
PROVIDER_MODULE_VERSION="v0.0.0-20251204202605-7049bcc1808e"
PROVIDER_MODULE_SUM="h1:8vCgYjBCQ7Mn391mft3hRk8eAomY48L7PS6Trdg9QwI="
# The upstream release the fork tracks; also the version the mirror offers to tofu.
PROVIDER_VERSION="6.13.0"

TOOLS_DIR="${DAY2OPS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/day2ops/tools}"
PARALLELISM="${GO_BUILD_PARALLELISM:-2}"

mirror="$TOOLS_DIR/provider-mirror"
platform="$(go env GOOS)_$(go env GOARCH)"
plugin_dir="$mirror/registry.opentofu.org/hashicorp/aws/$PROVIDER_VERSION/$platform"
plugin="$plugin_dir/terraform-provider-aws_v$PROVIDER_VERSION"

log() { printf '[install-aws-provider] %s\n' "$*" >&2; }

if [[ -x "$plugin" ]]; then
  echo "$mirror"
  exit 0
fi

command -v go >/dev/null || { log "go is required (the Go toolchain builds the provider)"; exit 1; }

log "building the AWS provider $PROVIDER_VERSION ($PROVIDER_MODULE@$PROVIDER_MODULE_VERSION)"
log "this is a very large Go build: tens of minutes and several GiB of memory on 2 cores"
module_json="$(GONOSUMDB="$PROVIDER_MODULE" GOFLAGS=-mod=mod go mod download -json "$PROVIDER_MODULE@$PROVIDER_MODULE_VERSION")"
module_dir="$(printf '%s' "$module_json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
module_sum="$(printf '%s' "$module_json" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p')"
[[ -n "$module_dir" && -f "$module_dir/go.mod" ]] || { log "go mod download gave no module dir:"; printf '%s\n' "$module_json" >&2; exit 1; }
if [[ "$module_sum" != "$PROVIDER_MODULE_SUM" ]]; then
  log "checksum mismatch for $PROVIDER_MODULE@$PROVIDER_MODULE_VERSION: got '$module_sum', pinned '$PROVIDER_MODULE_SUM'"
  exit 1
fi

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/src"
# Only what the build reads (the docs and website are a fifth of the module).
for entry in go.mod go.sum main.go internal names version; do
  cp -R "$module_dir/$entry" "$work/src/"
done
chmod -R u+w "$work/src"

mkdir -p "$plugin_dir"
build=(go build -p "$PARALLELISM" -trimpath
  -ldflags "-s -w -X github.com/hashicorp/terraform-provider-aws/version.ProviderVersion=$PROVIDER_VERSION"
  -o "$plugin.tmp" .)
(
  cd "$work/src"
  export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:-} -mod=readonly"
  if [[ -n "${AWS_PROVIDER_BUILD_TIMING:-}" && -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$AWS_PROVIDER_BUILD_TIMING" "${build[@]}"
  else
    "${build[@]}"
  fi
)
mv "$plugin.tmp" "$plugin"
log "installed $plugin"
echo "$mirror"
