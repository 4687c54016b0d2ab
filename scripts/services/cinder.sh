# shellcheck shell=bash
# Sourced by scripts/test and scripts/conformance: runs a real Cinder for the
# suites that need one (tests/block_storage_conformance.rs).
#
# If APIREF_CINDER_URL is already set, the suites use that Cinder and nothing is
# started (it must accept the tokens below, as the harness's tokens mode does).
# Otherwise, when $SHARED/cinder-harness/run_cinder.sh exists, it is started in its
# tokens mode (keystonemiddleware with fixed tokens: admin-token, member-token,
# reader-token, other-project-token) on a free loopback port and these are exported:
#
#   APIREF_CINDER_URL       http://127.0.0.1:PORT (the API root; /v3 is under it)
#   APIREF_CINDER_PROJECT   the project of the tokens
#   APIREF_CINDER_OTHER_PROJECT  the project of other-project-token
#
# When a Keystone runs (APIREF_KEYSTONE_OUT, from scripts/services/keystone.sh), a
# second Cinder is started in keystone mode: it validates tokens against that
# Keystone and registers itself in its catalog as `block-storage` and `volumev3`
# (APIREF_KS_CINDER_URL). Output goes to target/cinder-harness/.
# CINDER_START_TIMEOUT (seconds, default 240: the first run installs a
# virtualenv) bounds each wait.

# shellcheck source=../lib/harness.sh
source "${ROOT:-$PWD}/scripts/lib/harness.sh"

cinder_service_start() {
  local harness="${SHARED:-}/cinder-harness/run_cinder.sh"
  local dir="${ROOT:-$PWD}/target/cinder-harness"
  local timeout="${CINDER_START_TIMEOUT:-240}"
  if [ -n "${APIREF_CINDER_URL:-}" ]; then
    echo "cinder: using APIREF_CINDER_URL=$APIREF_CINDER_URL; not starting the harness" >&2
  elif [ -z "${SHARED:-}" ] || [ ! -f "$harness" ]; then
    echo "cinder: no APIREF_CINDER_URL and no $harness; the Cinder suites stay ignored" >&2
    return 0
  else
    start_harness cinder "$harness" "$dir/tokens" "$timeout" CINDER_AUTH=tokens || return 1
    export APIREF_CINDER_URL="$(harness_field READY "$HARNESS_OUT")"
    export APIREF_CINDER_PROJECT="$(harness_field PROJECT_ID "$HARNESS_OUT")"
    export APIREF_CINDER_OTHER_PROJECT="$(harness_field OTHER_PROJECT_ID "$HARNESS_OUT")"
  fi
  if [ -n "${APIREF_KEYSTONE_OUT:-}" ] && [ -z "${APIREF_KS_CINDER_URL:-}" ] && [ -f "$harness" ]; then
    start_harness cinder "$harness" "$dir/keystone" "$timeout" \
      CINDER_KEYSTONE_OUT="$APIREF_KEYSTONE_OUT" || return 1
    export APIREF_KS_CINDER_URL="$(harness_field READY "$HARNESS_OUT")"
  fi
}

cinder_service_start
