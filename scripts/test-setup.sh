#!/usr/bin/env bash
# Installs the Debian packages tests need. Idempotent and quick when everything is present;
# called by `npm test` and by .ci/run.
set -euo pipefail

# promtool (prometheus) checks the exported rules and config; the blackbox exporter runs in the
# export end-to-end test; neovim (0.7.2 on Debian 12) is the LSP client of test/editors;
# libkrb5-dev, ripgrep and chromium serve the VS Code suites (scripts/vscode-setup.sh);
# libxml2-utils is xmllint, which validates `lint --format junit` against a JUnit XSD. Add
# packages here as suites need them.
REQUIRED_DEBIAN_PACKAGES=(prometheus prometheus-blackbox-exporter neovim libkrb5-dev ripgrep chromium libxml2-utils)

need=()
for pkg in "${REQUIRED_DEBIAN_PACKAGES[@]}"; do
  # `dpkg -s` succeeds for removed-but-configured packages too; only "install ok installed" counts.
  [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" == "install ok installed" ]] || need+=("$pkg")
done
# Packages present: only the VS Code suites' code-server is left to check (installed once, cached).
((${#need[@]})) || exec bash "$(dirname "$0")/vscode-setup.sh"

if [[ $(id -u) -ne 0 ]]; then
  echo "test-setup: missing Debian packages: ${need[*]} (run as root or install them)" >&2
  exit 1
fi

# The packages ship services; tests start their own processes, and in a container or CI a
# service start can hang or fail. A policy-rc.d that answers 101 ("action forbidden") keeps
# invoke-rc.d from starting anything during the install; an existing one is left alone.
policy=/usr/sbin/policy-rc.d
added_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  added_policy=true
fi
trap '$added_policy && rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null
bash "$(dirname "$0")/vscode-setup.sh"
