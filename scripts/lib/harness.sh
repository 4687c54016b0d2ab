# shellcheck shell=bash
# Sourced by scripts/services/*.sh: starting one harness of ../shared on a free
# loopback port, by PID, retrying when another process takes the port first.

# shellcheck source=wait-ready.sh
source "${ROOT:-$PWD}/scripts/lib/wait-ready.sh"

# free_port: a loopback port nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_harness PREFIX SCRIPT DIR TIMEOUT [VAR=VALUE...]
# Runs `bash SCRIPT PORT` with the given environment, stdout in DIR/stdout and
# stderr in DIR/stderr, pushes its PID to PIDS (the caller kills it on exit) and
# waits for its READY line. Returns 0 once ready (HARNESS_OUT names its stdout),
# 1 after printing why it did not get there.
start_harness() {
  local prefix="$1" script="$2" dir="$3" timeout="$4"
  shift 4
  mkdir -p "$dir"
  local attempt port pid status
  for attempt in 1 2 3; do
    port="$(free_port)"
    : >"$dir/stdout"
    : >"$dir/stderr"
    env "$@" bash "$script" "$port" >"$dir/stdout" 2>"$dir/stderr" &
    pid=$!
    PIDS+=("$pid")
    echo "$prefix: starting $script on 127.0.0.1:$port (pid $pid, output in $dir)" >&2
    status=0
    wait_ready "$prefix" "the harness" "$pid" "$dir/stdout" "$dir/stderr" "$timeout" || status=$?
    if [ "$status" -eq 0 ]; then
      HARNESS_OUT="$dir/stdout"
      echo "$prefix: READY after ${WAITED}s" >&2
      return 0
    fi
    [ "$status" -eq 1 ] && return 1
    if grep -q 'Address already in use' "$dir/stderr" && [ "$attempt" -lt 3 ]; then
      echo "$prefix: port $port was taken; retrying" >&2
      continue
    fi
    echo "$prefix: FAILED: the harness exited before READY; stderr tail:" >&2
    tail -n 30 "$dir/stderr" >&2
    return 1
  done
}

# harness_field KEY FILE: the first word after KEY on a line of FILE.
harness_field() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
