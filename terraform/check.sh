#!/usr/bin/env bash
# Checks the terraform/ module with OpenTofu, installing the tools it needs first.
#
#   terraform/check.sh            provider-free checks; the provider checks too when
#                                 the AWS provider is already in the tool cache
#   terraform/check.sh --fast     provider-free checks only
#   terraform/check.sh --full     everything; builds the AWS provider if it is missing
#                                 (a very large Go build, see README "Checks")
#
# Provider-free checks: tofu fmt -check -recursive; every cloud-init template
# rendered by tofu with representative inputs, parsed by bash -n and shellcheck; the
# services' environment checked against the properties they read (tests/check_service_env.py).
# Provider checks: tofu init from a filesystem mirror (no registry), tofu validate
# (module and examples/demo), tofu test (module and examples/demo, mocked AWS).
# Whatever is not run is printed in a banner at the end; exit status is non-zero if
# any check that ran failed.
set -euo pipefail

mode=auto
case "${1:-}" in
  "") ;;
  --fast) mode=fast ;;
  --full) mode=full ;;
  -h | --help)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: $0 [--fast|--full]" >&2
    exit 2
    ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# Never read the user's CLI config: the checks decide where providers come from.
export TF_CLI_CONFIG_FILE="$work/tofurc"
: >"$TF_CLI_CONFIG_FILE"

declare -a ran=() not_run=() failed=()
# Plain output in logs (CI), colours on a terminal.
no_color=()
[[ -t 1 ]] || no_color=(-no-color)

step() { printf '\n==> %s\n' "$*"; }
timed() { # timed NAME COMMAND...: runs, records the outcome and the seconds taken
  local name=$1 start rc=0
  shift
  start=$(date +%s)
  "$@" || rc=$?
  local took=$(($(date +%s) - start))
  if ((rc == 0)); then
    ran+=("$name (${took}s)")
  else
    failed+=("$name (exit $rc, ${took}s)")
  fi
}

step "installing OpenTofu"
tofu="$("$here/tools/install-tofu.sh")"
"$tofu" version | sed -n 1p

step "tofu fmt -check -recursive"
timed "tofu fmt -check -recursive" "$tofu" -chdir="$here" fmt -check -recursive -diff

# Renders each template through tofu's own templatefile() with the inputs of the
# module's main variants and syntax-checks the resulting scripts. Needs no provider.
render_templates() {
  local dir="$work/render"
  mkdir -p "$dir/out"
  cat >"$dir/main.tf" <<EOF
locals {
  templates = "$here/templates"
  node_vars = {
    cluster_name = "check", bootstrap_url = "http://10.0.0.5:8080", masters = "10.0.0.10,10.0.16.10",
    cluster_nodes = "master:10.0.0.10,master:10.0.16.10,agent:10.0.0.100,agent_public:10.0.0.220",
    day2ops_version = "0.1.0", release_base_url = "https://releases.example.com/day2ops",
    services = { logs = 8101, metrics = 8102, diagnostics = 8103, debug = 8104 },
    ports = { master_http = 10080, master_https = 10443, agent_http = 61092 },
    universe_repo_url = "https://universe.example.com/repo.json",
    universe_packages = ["day2ops-logs", "day2ops-debug"],
  }
  variants = {
    "bootstrap-dcos" = templatefile("\${local.templates}/bootstrap.sh.tftpl", {
      install_dcos = true, dcos_download_path = "https://downloads.example.com/dcos_generate_config.sh",
      dcos_download_sha256 = "0000000000000000000000000000000000000000000000000000000000000000",
      bootstrap_port = 8080, perf_token = true, cluster_name = "check", master_token = true,
      masters = ["10.0.0.10", "10.0.16.10"] })
    "bootstrap-plain" = templatefile("\${local.templates}/bootstrap.sh.tftpl", {
      install_dcos = false, dcos_download_path = "unused", dcos_download_sha256 = "",
      bootstrap_port = 8080, perf_token = false, cluster_name = "check", master_token = false,
      masters = ["10.0.0.10"] })
    "master-release-native" = templatefile("\${local.templates}/node.sh.tftpl", merge(local.node_vars, {
      install_dcos = true, dcos_role = "master", day2ops_role = "master", node_role = "master",
      day2ops_method = "release", artifact_format = "native", install_universe_packages = false }))
    "public-agent-release-native" = templatefile("\${local.templates}/node.sh.tftpl", merge(local.node_vars, {
      install_dcos = true, dcos_role = "slave_public", day2ops_role = "agent", node_role = "agent_public",
      day2ops_method = "release", artifact_format = "native", install_universe_packages = false }))
    "master-plain-jvm" = templatefile("\${local.templates}/node.sh.tftpl", merge(local.node_vars, {
      install_dcos = false, dcos_role = "master", day2ops_role = "master", node_role = "master",
      day2ops_method = "release", artifact_format = "jvm", install_universe_packages = false }))
    "agent-plain-jvm" = templatefile("\${local.templates}/node.sh.tftpl", merge(local.node_vars, {
      install_dcos = false, dcos_role = "slave", day2ops_role = "agent", node_role = "agent",
      day2ops_method = "release", artifact_format = "jvm", install_universe_packages = false }))
    "master-universe" = templatefile("\${local.templates}/node.sh.tftpl", merge(local.node_vars, {
      install_dcos = true, dcos_role = "master", day2ops_role = "master", node_role = "master",
      day2ops_method = "universe", artifact_format = "native", install_universe_packages = true }))
    "perf-runner" = templatefile("\${local.templates}/perf-runner.sh.tftpl", {
      k6_version = "v1.8.1", repo_url = "https://git.example.com/day2ops.git", repo_ref = "main",
      scenarios = ["perf/k6/a.js", "perf/k6/b.js"], bootstrap_url = "http://10.0.0.5:8080",
      target_url = "https://10.0.0.10:10443", bucket = "bucket", cluster_name = "check" })
  }
}
output "variants" {
  value = local.variants
}
EOF
  (
    cd "$dir"
    "$tofu" init -input=false >/dev/null
    "$tofu" apply -input=false -auto-approve >/dev/null
    "$tofu" output -json variants >variants.json
  ) || return 1
  local names
  names=$(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))))' "$dir/variants.json")
  local name rc=0
  for name in $names; do
    python3 -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))[sys.argv[2]])' "$dir/variants.json" "$name" >"$dir/out/$name.sh"
    if bash -n "$dir/out/$name.sh"; then
      echo "bash -n ok: $name"
    else
      echo "bash -n FAILED: $name" >&2
      rc=1
    fi
  done
  for name in common.sh ip-detect.sh ip-detect-public.sh; do
    bash -n "$here/templates/$name" && echo "bash -n ok: $name" || rc=1
  done
  local shellcheck
  shellcheck="$("$here/tools/install-shellcheck.sh")" || return 1
  if "$shellcheck" -S warning "$dir"/out/*.sh "$here"/templates/*.sh "$here"/check.sh "$here"/tools/*.sh "$here"/tests/*.sh; then
    echo "shellcheck ok: rendered scripts, templates/*.sh, check.sh, tools/*.sh, tests/*.sh"
  else
    rc=1
  fi
  service_env "$dir/out" || rc=1
  return "$rc"
}

# What the rendered node scripts hand each service (tests/check_service_env.py): every
# variable is the environment form of a property the service reads (its @ConfigMapping
# interfaces, read from the Java sources), every env file is loaded by a unit, and each
# variant gets the values tests/service_env_expectations.json lists. The checker must
# also refuse a unit fed a variable no service reads.
service_env() {
  local out=$1 checker="$here/tests/check_service_env.py" repo
  repo="$(cd "$here/.." && pwd)"
  python3 "$checker" "$repo" "$here/tests/service_env_expectations.json" "$out"/*.sh || return 1
  local bad="$work/bad" log="$work/bad.log"
  mkdir -p "$bad"
  printf '%s\n' 'cat > /etc/day2ops/day2ops.env <<ENV' 'DAY2OPS_NODE_ROLE=master' 'ENV' \
    'cat > /etc/systemd/system/day2ops-logs.service <<UNIT' 'EnvironmentFile=/etc/day2ops/day2ops.env' 'UNIT' >"$bad/bad.sh"
  printf '{"bad": {}}\n' >"$bad/expectations.json"
  if python3 "$checker" "$repo" "$bad/expectations.json" "$bad/bad.sh" 2>"$log" ||
    ! grep -q 'DAY2OPS_NODE_ROLE, the environment form of no property' "$log"; then
    echo "service env: the checker accepted a variable no service reads" >&2
    cat "$log" >&2
    return 1
  fi
  echo "service env ok: the checker refuses DAY2OPS_NODE_ROLE"
}

step "cloud-init templates: rendered by tofu, checked by bash -n, shellcheck and the service env check"
timed "templates render + bash -n + shellcheck + service env" render_templates

# The rendered token scripts run for real: minted on a fresh key, served by nginx on
# loopback, fetched by the master's script (tests/check_tokens.sh).
step "bootstrap tokens: minted, verified, served to the masters only (real nginx)"
if [[ -f "$work/render/out/bootstrap-dcos.sh" ]]; then
  timed "bootstrap tokens (mint, verify, serve, fetch)" "$here/tests/check_tokens.sh" \
    "$work/render/out/bootstrap-dcos.sh" "$work/render/out/master-release-native.sh"
else
  failed+=("bootstrap tokens (no rendered scripts)")
fi

provider_checks() {
  local mirror=$1
  cat >"$TF_CLI_CONFIG_FILE" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.opentofu.org/hashicorp/aws"]
  }
}
EOF
  # A copy, so init's .terraform/ and lock files never land in the work tree.
  mkdir -p "$work/module"
  cp -R "$here/." "$work/module/"
  rm -rf "$work/module/.terraform" "$work/module/examples/demo/.terraform"
  local root
  for root in "$work/module" "$work/module/examples/demo"; do
    local label=${root#"$work/module"}
    label="terraform${label}"
    step "tofu init ($label, filesystem mirror)"
    timed "tofu init $label" "$tofu" -chdir="$root" init "${no_color[@]}" -input=false -backend=false
    step "tofu validate ($label)"
    timed "tofu validate $label" "$tofu" -chdir="$root" validate "${no_color[@]}"
    step "tofu test ($label, mocked AWS provider)"
    timed "tofu test $label" "$tofu" -chdir="$root" test "${no_color[@]}"
  done
}

mirror_dir="${DAY2OPS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/day2ops/tools}/provider-mirror"
have_provider=false
compgen -G "$mirror_dir/registry.opentofu.org/hashicorp/aws/*/*/terraform-provider-aws_*" >/dev/null && have_provider=true

if [[ $mode == full ]] || [[ $mode == auto && $have_provider == true ]]; then
  step "installing the AWS provider into the filesystem mirror"
  start=$(date +%s)
  if mirror="$("$here/tools/install-aws-provider.sh")"; then
    ran+=("AWS provider install ($(($(date +%s) - start))s)")
    provider_checks "$mirror"
  else
    failed+=("AWS provider install")
  fi
else
  if [[ $mode == fast ]]; then
    not_run_reason="skipped by --fast"
  else
    not_run_reason="the AWS provider plugin is not built on this machine"
  fi
  not_run+=("tofu init (needs the AWS provider plugin)")
  not_run+=("tofu validate: terraform/ and terraform/examples/demo")
  not_run+=("tofu test: terraform/tests/*.tftest.hcl and examples/demo/tests (mocked AWS provider)")
fi

printf '\n==> terraform checks summary\n'
for item in "${ran[@]}"; do printf '  ran:     %s\n' "$item"; done
for item in "${failed[@]}"; do printf '  FAILED:  %s\n' "$item"; done
if ((${#not_run[@]} > 0)); then
  printf '\n'
  printf '  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  printf '  !!  NOT RUN (%s):\n' "$not_run_reason"
  for item in "${not_run[@]}"; do printf '  !!    - %s\n' "$item"; done
  printf '  !!  Run them with: terraform/check.sh --full   (builds the provider first)\n'
  printf '  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
fi
printf 'terraform: %d passed, %d failed, %d skipped\n' "${#ran[@]}" "${#failed[@]}" "${#not_run[@]}"
((${#failed[@]} == 0))
