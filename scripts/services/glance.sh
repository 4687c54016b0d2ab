# shellcheck shell=bash
# Sourced by scripts/test and scripts/conformance: runs a real Glance for the
# suites that need one (tests/image_conformance.rs).
#
# If APIREF_GLANCE_URL is already set, the suites use that Glance and nothing is
# started (it must accept the harness's `<user>:<project>:<roles>` tokens).
# Otherwise, when $SHARED/glance-harness/run_glance.sh exists, it is started in its
# no-auth mode on a free loopback port and these are exported:
#
#   APIREF_GLANCE_URL            http://127.0.0.1:PORT
#   APIREF_GLANCE_PROJECT        the project of the admin, member and reader tokens
#   APIREF_GLANCE_OTHER_PROJECT  a second project, for sharing
#
# When a Keystone runs (APIREF_KEYSTONE_OUT, from scripts/services/keystone.sh), a
# second Glance is started in keystone mode: it validates tokens against that
# Keystone and registers itself in its catalog as `image` (APIREF_KS_GLANCE_URL).
# Output goes to target/glance-harness/. GLANCE_START_TIMEOUT (seconds, default
# 240: the first run installs a virtualenv) bounds each wait.

# shellcheck source=../lib/harness.sh
source "${ROOT:-$PWD}/scripts/lib/harness.sh"

glance_service_start() {
  local harness="${SHARED:-}/glance-harness/run_glance.sh"
  local dir="${ROOT:-$PWD}/target/glance-harness"
  local timeout="${GLANCE_START_TIMEOUT:-240}"
  if [ -n "${APIREF_GLANCE_URL:-}" ]; then
    echo "glance: using APIREF_GLANCE_URL=$APIREF_GLANCE_URL; not starting the harness" >&2
  elif [ -z "${SHARED:-}" ] || [ ! -f "$harness" ]; then
    echo "glance: no APIREF_GLANCE_URL and no $harness; the Glance suites stay ignored" >&2
    return 0
  else
    start_harness glance "$harness" "$dir/noauth" "$timeout" || return 1
    export APIREF_GLANCE_URL="$(harness_field READY "$HARNESS_OUT")"
    export APIREF_GLANCE_PROJECT="$(harness_field PROJECT_ID "$HARNESS_OUT")"
    export APIREF_GLANCE_OTHER_PROJECT="$(harness_field OTHER_PROJECT_ID "$HARNESS_OUT")"
  fi
  if [ -n "${APIREF_KEYSTONE_OUT:-}" ] && [ -z "${APIREF_KS_GLANCE_URL:-}" ] && [ -f "$harness" ]; then
    start_harness glance "$harness" "$dir/keystone" "$timeout" \
      GLANCE_KEYSTONE_OUT="$APIREF_KEYSTONE_OUT" || return 1
    export APIREF_KS_GLANCE_URL="$(harness_field READY "$HARNESS_OUT")"
  fi
}

glance_service_start
