# shellcheck shell=bash
# Sourced by scripts/test (and scripts/bench-nova): runs a real Nova for the suites
# that need one (tests/nova_update_server.rs, tests/example_update_server.rs,
# benches/nova_load.rs).
#
# If APIREF_NOVA_URL is already set, the suites use that Nova (devstack, a real
# cloud) and nothing is started. Otherwise, when $SHARED/nova-harness/run_nova.sh
# exists, the harness is started on a free loopback port, its PID is pushed to
# PIDS (the caller kills it on exit), and these are exported:
#
#   APIREF_NOVA_URL            http://127.0.0.1:PORT (any catalog form works)
#   APIREF_NOVA_PROJECT        the project of the tokens below
#   APIREF_NOVA_SERVER         an ACTIVE server in that project (tests rename it)
#   APIREF_NOVA_TOKEN          a member token of that project
#   APIREF_NOVA_ADMIN_TOKEN    an admin token (optional; admin-only fields)
#   APIREF_NOVA_READER_TOKEN   a reader-only token (optional; the 403 check)
#   APIREF_NOVA_OTHER_PROJECT  another project, and
#   APIREF_NOVA_OTHER_TOKEN    a member token of it (optional; the 404 check)
#   APIREF_NOVA_ACCESS_LOG     the harness's access log (optional; proves which
#                              paths reached Nova)
#
# Without either, the suites stay ignored (#[ignore = "needs ..."]).
#
# The harness runs with scripts/nova-harness/ on PYTHONPATH: its sitecustomize.py
# stops Nova's test fixtures from turning a SQLAlchemy deprecation warning into a
# 500 (see that file). Output goes to target/nova-harness/. NOVA_START_TIMEOUT
# (seconds, default 180: the first run installs a virtualenv) bounds the wait.

# shellcheck source=../lib/harness.sh
source "${ROOT:-$PWD}/scripts/lib/harness.sh"

nova_service_start() {
  if [ -n "${APIREF_NOVA_URL:-}" ]; then
    echo "nova: using APIREF_NOVA_URL=$APIREF_NOVA_URL; not starting the harness" >&2
    return 0
  fi
  local harness="${SHARED:-}/nova-harness/run_nova.sh"
  if [ -z "${SHARED:-}" ] || [ ! -f "$harness" ]; then
    echo "nova: no APIREF_NOVA_URL and no $harness; the Nova suites stay ignored" >&2
    return 0
  fi

  local root="${ROOT:-$PWD}"
  local dir="$root/target/nova-harness"
  # allow_resize_to_same_host (through oslo.config's environment source): the
  # harness has one compute host, and resize/confirm/revert need it to be the
  # target too (tests/nova_conformance.rs).
  start_harness nova "$harness" "$dir" "${NOVA_START_TIMEOUT:-180}" \
    OS_DEFAULT__ALLOW_RESIZE_TO_SAME_HOST=True \
    PYTHONPATH="$root/scripts/nova-harness${PYTHONPATH:+:$PYTHONPATH}" || return 1

  nova_field() { harness_field "$1" "$HARNESS_OUT"; }
  export APIREF_NOVA_URL="$(nova_field READY)"
  export APIREF_NOVA_PROJECT="$(nova_field PROJECT_ID)"
  export APIREF_NOVA_SERVER="$(nova_field SERVER_ID)"
  export APIREF_NOVA_OTHER_PROJECT="$(nova_field OTHER_PROJECT_ID)"
  export APIREF_NOVA_TOKEN=member-token
  export APIREF_NOVA_ADMIN_TOKEN=admin-token
  export APIREF_NOVA_READER_TOKEN=reader-token
  export APIREF_NOVA_OTHER_TOKEN=other-project-token
  export APIREF_NOVA_ACCESS_LOG="$(nova_field LOG).access"
  echo "nova: $APIREF_NOVA_URL (log $(nova_field LOG))" >&2
}

nova_service_start
