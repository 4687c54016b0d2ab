# shellcheck shell=bash
# Sourced by scripts/test and scripts/conformance: runs a real Neutron for the
# suites that need one (tests/network_conformance.rs).
#
# If APIREF_NEUTRON_URL is already set, the suites use that Neutron and nothing is
# started (it must accept the tokens below, as the harness's tokens mode does).
# Otherwise, when $SHARED/neutron-harness/run_neutron.sh exists, it is started in
# its tokens mode (keystonemiddleware with fixed tokens: admin-token, member-token,
# reader-token, other-project-token) on a free loopback port and these are exported:
#
#   APIREF_NEUTRON_URL            http://127.0.0.1:PORT
#   APIREF_NEUTRON_PROJECT        the project of the tokens
#   APIREF_NEUTRON_OTHER_PROJECT  the project of other-project-token
#   APIREF_NEUTRON_EXTERNAL_NETWORK, APIREF_NEUTRON_EXTERNAL_SUBNET,
#   APIREF_NEUTRON_SUBNETPOOL     what the harness seeds ("public", its subnet,
#                                 the default IPv4 pool)
#
# When a Keystone runs (APIREF_KEYSTONE_OUT, from scripts/services/keystone.sh), a
# second Neutron is started in keystone mode: it validates tokens against that
# Keystone and registers itself in its catalog as `network`
# (APIREF_KS_NEUTRON_URL), for the suites that find services through the catalog.
# Output goes to target/neutron-harness/. NEUTRON_START_TIMEOUT (seconds, default
# 240: the first run installs a virtualenv) bounds each wait.

# shellcheck source=../lib/harness.sh
source "${ROOT:-$PWD}/scripts/lib/harness.sh"

neutron_service_start() {
  local harness="${SHARED:-}/neutron-harness/run_neutron.sh"
  local dir="${ROOT:-$PWD}/target/neutron-harness"
  local timeout="${NEUTRON_START_TIMEOUT:-240}"
  if [ -n "${APIREF_NEUTRON_URL:-}" ]; then
    echo "neutron: using APIREF_NEUTRON_URL=$APIREF_NEUTRON_URL; not starting the harness" >&2
  elif [ -z "${SHARED:-}" ] || [ ! -f "$harness" ]; then
    echo "neutron: no APIREF_NEUTRON_URL and no $harness; the Neutron suites stay ignored" >&2
    return 0
  else
    start_harness neutron "$harness" "$dir/tokens" "$timeout" NEUTRON_AUTH=tokens || return 1
    export APIREF_NEUTRON_URL="$(harness_field READY "$HARNESS_OUT")"
    export APIREF_NEUTRON_PROJECT="$(harness_field PROJECT_ID "$HARNESS_OUT")"
    export APIREF_NEUTRON_OTHER_PROJECT="$(harness_field OTHER_PROJECT_ID "$HARNESS_OUT")"
    export APIREF_NEUTRON_EXTERNAL_NETWORK="$(harness_field EXTERNAL_NETWORK_ID "$HARNESS_OUT")"
    export APIREF_NEUTRON_EXTERNAL_SUBNET="$(harness_field EXTERNAL_SUBNET_ID "$HARNESS_OUT")"
    export APIREF_NEUTRON_SUBNETPOOL="$(harness_field DEFAULT_SUBNETPOOL_ID "$HARNESS_OUT")"
  fi
  if [ -n "${APIREF_KEYSTONE_OUT:-}" ] && [ -z "${APIREF_KS_NEUTRON_URL:-}" ] && [ -f "$harness" ]; then
    start_harness neutron "$harness" "$dir/keystone" "$timeout" \
      NEUTRON_KEYSTONE_OUT="$APIREF_KEYSTONE_OUT" || return 1
    export APIREF_KS_NEUTRON_URL="$(harness_field READY "$HARNESS_OUT")"
  fi
}

neutron_service_start
