# shellcheck shell=bash
# Sourced by scripts/test and scripts/conformance: runs a real Placement for the
# suites that need one (tests/placement_conformance.rs).
#
# If APIREF_PLACEMENT_URL is already set, the suites use that Placement and nothing
# is started (it must accept the token `admin` with the admin role, as the
# harness's noauth2 mode does). Otherwise, when
# $SHARED/placement-harness/run_placement.sh exists, it is started in its noauth2
# mode on a free loopback port and these are exported:
#
#   APIREF_PLACEMENT_URL       http://127.0.0.1:PORT
#   APIREF_PLACEMENT_PROJECT   the project of the member token
#
# When a Keystone runs (APIREF_KEYSTONE_OUT, from scripts/services/keystone.sh), a
# second Placement is started in keystone mode: it validates tokens against that
# Keystone and registers itself in its catalog as `placement`
# (APIREF_KS_PLACEMENT_URL). Output goes to target/placement-harness/.
# PLACEMENT_START_TIMEOUT (seconds, default 240: the first run installs a
# virtualenv) bounds each wait.

# shellcheck source=../lib/harness.sh
source "${ROOT:-$PWD}/scripts/lib/harness.sh"

placement_service_start() {
  local harness="${SHARED:-}/placement-harness/run_placement.sh"
  local dir="${ROOT:-$PWD}/target/placement-harness"
  local timeout="${PLACEMENT_START_TIMEOUT:-240}"
  if [ -n "${APIREF_PLACEMENT_URL:-}" ]; then
    echo "placement: using APIREF_PLACEMENT_URL=$APIREF_PLACEMENT_URL; not starting the harness" >&2
  elif [ -z "${SHARED:-}" ] || [ ! -f "$harness" ]; then
    echo "placement: no APIREF_PLACEMENT_URL and no $harness; the Placement suites stay ignored" >&2
    return 0
  else
    start_harness placement "$harness" "$dir/noauth" "$timeout" || return 1
    export APIREF_PLACEMENT_URL="$(harness_field READY "$HARNESS_OUT")"
    export APIREF_PLACEMENT_PROJECT="$(harness_field PROJECT_ID "$HARNESS_OUT")"
  fi
  if [ -n "${APIREF_KEYSTONE_OUT:-}" ] && [ -z "${APIREF_KS_PLACEMENT_URL:-}" ] && [ -f "$harness" ]; then
    start_harness placement "$harness" "$dir/keystone" "$timeout" \
      PLACEMENT_KEYSTONE_OUT="$APIREF_KEYSTONE_OUT" || return 1
    export APIREF_KS_PLACEMENT_URL="$(harness_field READY "$HARNESS_OUT")"
  fi
}

placement_service_start
