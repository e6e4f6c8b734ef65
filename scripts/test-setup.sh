#!/usr/bin/env bash
# Installs the Debian packages tests need. Idempotent and quick when everything is present;
# called by `npm test` and by .ci/run.
set -euo pipefail

# promtool (prometheus) checks the exported rules and config; the blackbox exporter runs in the
# export end-to-end test; neovim (0.7.2 on Debian 12) is the LSP client of test/editors;
# libkrb5-dev, ripgrep and chromium serve the VS Code suites (scripts/vscode-setup.sh);
# libxml2-utils is xmllint, which validates `lint --format junit` against a JUnit XSD;
# python3-venv holds pre-commit (below); postfix, dovecot-imapd, dovecot-pop3d, slapd (with
# ldap-utils' ldapsearch, to see it ready) and postgresql are the real servers the STARTTLS live
# checks run against (test/core/live/daemons/), each started by its test on a loopback port with a
# throw-away configuration. Add packages here as suites need them.
REQUIRED_DEBIAN_PACKAGES=(prometheus prometheus-blackbox-exporter neovim libkrb5-dev ripgrep chromium libxml2-utils python3-venv
  postfix dovecot-imapd dovecot-pop3d slapd ldap-utils postgresql)

# pre-commit, from the Python package registry, runs .pre-commit-hooks.yaml in test/ci: in a venv
# of its own in the cache (the path test/helpers/tools.ts reads), installed once.
PRE_COMMIT_VERSION=4.6.2
home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
pre_commit_venv=${INCIDENT_DOCS_PRE_COMMIT_DIR:-${XDG_CACHE_HOME:-$home/.cache}/incident-docs/pre-commit-$PRE_COMMIT_VERSION}
install_pre_commit() {
  [[ -x $pre_commit_venv/bin/pre-commit ]] && return 0
  rm -rf "$pre_commit_venv"
  /usr/bin/python3 -m venv "$pre_commit_venv"
  "$pre_commit_venv/bin/pip" install --quiet "pre-commit==$PRE_COMMIT_VERSION"
}

# What is not a Debian package, then the VS Code suites' code-server (installed once, cached).
setup_the_rest() {
  install_pre_commit
  exec bash "$(dirname "$0")/vscode-setup.sh"
}

need=()
for pkg in "${REQUIRED_DEBIAN_PACKAGES[@]}"; do
  # `dpkg -s` succeeds for removed-but-configured packages too; only "install ok installed" counts.
  [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" == "install ok installed" ]] || need+=("$pkg")
done
((${#need[@]})) || setup_the_rest

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
setup_the_rest
