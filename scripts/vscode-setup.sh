#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench and extension host, VS Code 1.100.3 on Node 20)
# for the VS Code suites in test/vscode/, into its own cached folder outside the project's
# dependencies. Idempotent and quick when installed; called by scripts/test-setup.sh.
#
# Nothing is fetched from anywhere but the npm registry: native modules are built from source
# against the local Node headers (no prebuilt binaries from GitHub), and @vscode/ripgrep's
# download cache is seeded with Debian's /usr/bin/rg. Needs the Debian packages libkrb5-dev,
# ripgrep and chromium (scripts/test-setup.sh installs them).
#
# Where: $INCIDENT_DOCS_CODE_SERVER_DIR, default ~/.cache/incident-docs/code-server-4.100.3
# (test/vscode/launcher/paths.ts reads the same variable).
set -euo pipefail

VERSION=4.100.3
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
# HOME may be unset under some CI runners; the passwd entry is what Node's os.homedir() falls back to.
home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
dir=${INCIDENT_DOCS_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$home/.cache}/incident-docs/code-server-$VERSION}
entry=$dir/node_modules/code-server/out/node/entry.js

installed() { [[ -f $dir/.installed && -f $entry ]]; }
installed && exit 0

missing=()
[[ -x /usr/bin/rg ]] || missing+=(ripgrep)
command -v krb5-config >/dev/null || missing+=(libkrb5-dev)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -f /usr/include/node/common.gypi ]] || missing+=("Node headers in /usr/include/node (the nodejs package)")
if ((${#missing[@]})); then
  echo "vscode-setup: missing ${missing[*]} (scripts/test-setup.sh installs the Debian packages)" >&2
  exit 1
fi
if [[ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]]; then
  echo "vscode-setup: code-server $VERSION needs Node 20, this is $(node -v)" >&2
  exit 1
fi

mkdir -p "$(dirname "$dir")"
# One installer at a time (parallel test runs, several clones sharing the cache).
exec 9>"$dir.lock"
flock 9
installed && exit 0

echo "vscode-setup: installing code-server $VERSION into $dir (about a minute and a half, once)" >&2
started=$SECONDS
stage=$(mktemp -d "$dir.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/prefix" "$stage/tmp/$RIPGREP_CACHE" "$stage/rg"
cp /usr/bin/rg "$stage/rg/rg"
tar -czf "$stage/tmp/$RIPGREP_CACHE/$RIPGREP_TARBALL" -C "$stage/rg" rg
echo '{"name":"incident-docs-code-server","private":true}' >"$stage/prefix/package.json"

(
  cd "$stage/prefix"
  # @vscode/ripgrep looks for its cache in os.tmpdir(). build_from_source keeps node-pre-gyp
  # (argon2) and prebuild-install (kerberos) from downloading binaries; nodedir keeps node-gyp
  # from downloading headers. code-server's postinstall insists on --unsafe-perm as root.
  TMPDIR=$stage/tmp \
    npm_config_yes=true \
    npm_config_build_from_source=true \
    npm_config_nodedir=/usr \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    npm install --unsafe-perm --no-save --omit=dev "code-server@$VERSION" </dev/null >"$stage/install.log" 2>&1 ||
    {
      tail -n 60 "$stage/install.log" >&2
      echo "vscode-setup: npm install code-server@$VERSION failed (full log above, last 60 lines)" >&2
      exit 1
    }
)
rg_bin=$stage/prefix/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg
[[ -x $rg_bin ]] || { echo "vscode-setup: ripgrep missing from the install ($rg_bin)" >&2; exit 1; }

rm -rf "$dir"
mv "$stage/prefix" "$dir"
mv "$stage/install.log" "$dir/install.log"
echo "$VERSION" >"$dir/.installed"
echo "vscode-setup: code-server $VERSION installed in $((SECONDS - started)) s" >&2
