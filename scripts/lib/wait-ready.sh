# shellcheck shell=bash
# Sourced by scripts/services/*.sh: waiting for a harness to print its READY line.

# wait_ready PREFIX NAME PID STDOUT STDERR TIMEOUT
# Returns 0 once STDOUT has a `READY ` line (WAITED holds the seconds it took);
# 1 after printing the stderr tail when TIMEOUT seconds pass first; 2, printing
# nothing, when the process exits first, so the caller decides whether to retry.
wait_ready() {
  local prefix="$1" name="$2" pid="$3" out="$4" err="$5" timeout="$6"
  WAITED=0
  while ! grep -q '^READY ' "$out"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      grep -q '^READY ' "$out" && return 0
      return 2
    fi
    if [ "$WAITED" -ge "$timeout" ]; then
      echo "$prefix: FAILED: $name printed no READY line after ${timeout}s; stderr tail:" >&2
      tail -n 30 "$err" >&2
      return 1
    fi
    sleep 1
    WAITED=$((WAITED + 1))
  done
}
