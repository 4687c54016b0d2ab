# shellcheck shell=bash
# Sourced by scripts/test: runs a real Keystone, and a real Nova that validates
# tokens against it, for the suites that need them (tests/keystone_*.rs).
#
# If APIREF_KEYSTONE_OUT is already set, the suites use that Keystone (the saved
# stdout of $SHARED/keystone-harness/run_keystone.sh, or a file in its format)
# and APIREF_KS_NOVA_SERVER, and nothing is started. Otherwise, when
# $SHARED/keystone-harness/run_keystone.sh and $SHARED/nova-harness/run_nova.sh
# exist, Keystone is started (with totp among its [auth] methods) on a free
# loopback port with its catalog pointing at a second free port, Nova is started
# there in keystone mode with no token cache
# (KSM_TOKEN_CACHE_TIME=-1: a revoked token is refused at once), both PIDs are
# pushed to PIDS (the caller kills them on exit), and these are exported:
#
#   APIREF_KEYSTONE_OUT     Keystone's stdout: AUTH_URL, ADMIN/USER passwords,
#                           APP_CRED, PROJECT_ID, CLOUDS_YAML, STATE, ...
#   APIREF_CLOUDS_YAML      the clouds.yaml it wrote (clouds keystone-harness-demo,
#                           keystone-harness-admin, keystone-harness-appcred)
#   APIREF_KS_NOVA_SERVER   an ACTIVE server in the demo project (tests rename it)
#   APIREF_KS_NOVA_URL      that Nova (the catalog lists it too)
#
# Without either, the suites stay ignored (#[ignore = "needs ..."]). Output goes to
# target/keystone-harness/. KEYSTONE_START_TIMEOUT (seconds, default 300: the
# first run installs two virtualenvs) bounds each wait.

# shellcheck source=../lib/wait-ready.sh
source "${ROOT:-$PWD}/scripts/lib/wait-ready.sh"

keystone_free_ports() {
  # Two distinct free ports, both bound at once so they differ.
  python3 -c '
import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])'
}

# keystone_wait_ready NAME PID STDOUT STDERR: 0 once STDOUT has a READY line;
# 1 (with the stderr tail) if the process exits first or the wait times out.
keystone_wait_ready() {
  local name="$1" pid="$2" out="$3" err="$4" status=0
  wait_ready keystone "$name" "$pid" "$out" "$err" "${KEYSTONE_START_TIMEOUT:-300}" || status=$?
  case "$status" in
    0) echo "keystone: $name READY after ${WAITED}s" >&2 ;;
    2)
      echo "keystone: FAILED: $name exited before READY; stderr tail:" >&2
      tail -n 30 "$err" >&2
      return 1
      ;;
    *) return 1 ;;
  esac
}

keystone_service_start() {
  if [ -n "${APIREF_KEYSTONE_OUT:-}" ]; then
    echo "keystone: using APIREF_KEYSTONE_OUT=$APIREF_KEYSTONE_OUT; not starting the harness" >&2
    return 0
  fi
  local ks_harness="${SHARED:-}/keystone-harness/run_keystone.sh"
  local nova_harness="${SHARED:-}/nova-harness/run_nova.sh"
  if [ -z "${SHARED:-}" ] || [ ! -f "$ks_harness" ] || [ ! -f "$nova_harness" ]; then
    echo "keystone: no APIREF_KEYSTONE_OUT and no harnesses under ${SHARED:-\$SHARED}; the Keystone suites stay ignored" >&2
    return 0
  fi

  local root="${ROOT:-$PWD}"
  local dir="$root/target/keystone-harness"
  mkdir -p "$dir"
  local ports ks_port nova_port ks_pid nova_pid
  ports="$(keystone_free_ports)"
  ks_port="${ports% *}"
  nova_port="${ports#* }"

  : >"$dir/ks.out"
  : >"$dir/ks.err"
  # The second argument is the port of the compute endpoint Keystone's catalog lists.
  # OS_AUTH__METHODS (Keystone reads [auth] methods from it): Keystone's default
  # methods plus totp, for runtime/tests/keystone_login.rs (its multi-factor users
  # are its own; the demo user keeps a plain password login).
  OS_AUTH__METHODS="external,password,token,oauth1,mapped,application_credential,totp" \
    bash "$ks_harness" "$ks_port" "$nova_port" >"$dir/ks.out" 2>"$dir/ks.err" &
  ks_pid=$!
  PIDS+=("$ks_pid")
  echo "keystone: starting Keystone on 127.0.0.1:$ks_port (pid $ks_pid, output in $dir)" >&2
  keystone_wait_ready Keystone "$ks_pid" "$dir/ks.out" "$dir/ks.err" || return 1

  : >"$dir/nova.out"
  : >"$dir/nova.err"
  # scripts/nova-harness/sitecustomize.py (if there) keeps PUT at >= 2.75 from a 500.
  NOVA_KEYSTONE_OUT="$dir/ks.out" KSM_TOKEN_CACHE_TIME=-1 \
    PYTHONPATH="$root/scripts/nova-harness${PYTHONPATH:+:$PYTHONPATH}" \
    bash "$nova_harness" "$nova_port" >"$dir/nova.out" 2>"$dir/nova.err" &
  nova_pid=$!
  PIDS+=("$nova_pid")
  echo "keystone: starting Nova (keystone mode) on 127.0.0.1:$nova_port (pid $nova_pid)" >&2
  keystone_wait_ready "Nova (keystone mode)" "$nova_pid" "$dir/nova.out" "$dir/nova.err" || return 1

  keystone_field() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
  export APIREF_KEYSTONE_OUT="$dir/ks.out"
  export APIREF_CLOUDS_YAML="$(keystone_field CLOUDS_YAML "$dir/ks.out")"
  export APIREF_KS_NOVA_SERVER="$(keystone_field SERVER_ID "$dir/nova.out")"
  export APIREF_KS_NOVA_URL="$(keystone_field READY "$dir/nova.out")"
  echo "keystone: Keystone $(keystone_field READY "$dir/ks.out"), Nova $APIREF_KS_NOVA_URL" >&2
}

keystone_service_start
