# Shared by lab/up, lab/down, lab/status and lab/demo: where things live and how the lab's
# processes are started, tracked and stopped. Sourced, never run.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE="$LAB_DIR/state"
PKI="$STATE/pki"
RUN="$STATE/run"      # pid files and the settings of the running lab
CONF="$STATE/conf"    # configuration rendered for the running lab
LOGS="$STATE/log"     # one log per program, kept after `down` for a post-mortem

# The address plan (fixed; see lab/README.md).
FRONT_NAME=www.edgecheck.test
INGRESS_NAME=ingress.edgecheck.test
ALB_NAME=alb.edgecheck.test
HTTPS_PORT=8443
HTTP_PORT=8080
DNS_PORT=10053
DNS_PRIMARY=127.0.53.1
DNS_SECONDARY=127.0.53.2
DNS_SILENT=127.0.53.3
NLB_PRIVATE=127.0.19.1     # the source of the NLB's onward connections (the ingress expects PROXY v2 from it)
INGRESS_ADDR=127.0.20.1
# Whom the ingress takes PROXY headers from (and serves at all): the NLB's address, and the host
# edgecheck runs on (127.0.0.1, the source of its loopback connections), like a bastion the
# security group lets in. Anyone else is refused before TLS.
PROXY_TRUSTED="$NLB_PRIVATE 127.0.0.1"
UNTRUSTED_ADDR=127.0.50.1  # another host inside the VPC: the ingress must not take its PROXY headers
ALB_ADDR=127.0.30.1
CANARY_ADDR=127.0.40.1
CLIENT_IP_ADDR=127.0.40.2
ROGUE_IP=127.0.10.66       # fault rogue-ip
SPLIT_IP=127.0.10.77       # fault split-dns
SLOW_INNER_PORT=18443      # fault slow-hop: where the delayed hop's own TLS listener moves
PROXY_ADDR=127.0.60.1      # the partner's egress proxy (Squid)
PROXY_PORT=3128
PROXY_USER_NAME=partner    # fault proxy-auth: the user the proxy asks for

KNOWN_FAULTS=(rogue-ip split-dns dead-ip expired-cert wrong-issuer wrong-host no-intermediate
  no-redirect redirect-drops-path redirect-to-http no-forwardfor spoofable-xff slow-hop blackhole
  proxy-optional proxy-spoofable proxy-missing-ip proxy-auth proxy-dead)

# Prefer Debian's interpreter: a version manager's shim starts slower and may not exist in CI.
if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi

say() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: %s\n' "$*" >&2; exit 1; }

# static_ips N: the first N "Elastic IPs", 127.0.10.1 .. 127.0.10.254, then 127.0.11.1 ...
static_ips() {
  local n=$1 i
  for ((i = 0; i < n; i++)); do
    printf '127.0.%d.%d\n' $((10 + i / 254)) $((1 + i % 254))
  done
}

# has_fault NAME: whether the lab being started (FAULTS array) includes NAME.
has_fault() {
  local f
  for f in "${FAULTS[@]}"; do [ "$f" = "$1" ] && return 0; done
  return 1
}

# The command line of a live process, or nothing.
proc_cmdline() { { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null; }

# proc_session PID: the session id of a process (the stat fields after the command name).
proc_session() {
  local stat fields
  stat=$({ cat "/proc/$1/stat"; } 2>/dev/null) || return 0
  read -r -a fields <<<"${stat##*) }"
  echo "${fields[3]}"
}

# proc_alive PID: running and not a zombie.
proc_alive() {
  local st
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

# start_daemon NAME PROGRAM ARGS...: runs PROGRAM as a clean daemon (services/spawn.py: own session,
# default signals, no inherited descriptors) with stdin, stdout and stderr away from the caller, and
# records its pid.
start_daemon() {
  local name=$1; shift
  "$PYTHON" "$LAB_DIR/services/spawn.py" "$@" </dev/null >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
}

# stop_all: stops every process the lab started. Each pid file names a session leader; the whole
# session goes (nginx workers, dnsmasq's TCP children). A pid is only signalled while its command
# line still points into this lab's folder, so a recycled pid is never hit. Lab daemons that lost
# their pid file (a crashed `up`) are swept as well.
stop_all() {
  local pids=() pidfile pid p
  for pidfile in "$RUN"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile" 2>/dev/null)
    if [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(proc_cmdline "$pid")" == *"$LAB_DIR/"* ]]; then pids+=("$pid"); fi
  done
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [ "$pid" = "$$" ] && continue
    # Only what start_daemon makes: a session leader running from this lab's configuration or
    # services (never, say, an editor or a `tail -f` of a file in lab/state).
    [ "$(proc_session "$pid")" = "$pid" ] || continue
    case "$(proc_cmdline "$pid")" in
      *"$CONF/"*|*"$LAB_DIR/services/"*) pids+=("$pid") ;;
    esac
  done
  [ ${#pids[@]} -eq 0 ] || {
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; done
    local i alive
    for ((i = 0; i < 40; i++)); do
      alive=0
      for pid in "${pids[@]}"; do proc_alive "$pid" && alive=1; done
      [ $alive -eq 0 ] && break
      sleep 0.05
    done
    for pid in "${pids[@]}"; do
      proc_alive "$pid" && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; }
    done
  }
  rm -rf "$RUN" "$CONF"
  rm -f "$STATE/env"
}

# show_log NAME: the tail of a program's log, for a failure message.
show_log() {
  local file="$LOGS/$1.log"
  if [ -s "$file" ]; then
    printf -- '--- last lines of %s ---\n' "$file" >&2
    tail -n 25 "$file" >&2
    printf -- '---\n' >&2
  else
    printf '(no output in %s)\n' "$file" >&2
  fi
}
