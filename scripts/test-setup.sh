#!/usr/bin/env bash
# Installs the Debian packages tests need. Idempotent and quick when everything is present;
# called by `npm test` and by .ci/run.
set -euo pipefail
need=()
# (Debian packages are added here as suites need them: e.g. neovim, prometheus.)
for pkg in "${REQUIRED_DEBIAN_PACKAGES[@]:-}"; do
  [[ -z "$pkg" ]] && continue
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "test-setup: missing Debian packages: ${need[*]} (run as root or install them)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
