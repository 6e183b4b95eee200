#!/usr/bin/env bash
# The same as curl-loop.sh, the way an impatient user speeds it up: `xargs -P` runs several
# curl processes at once (8 by default).
# Usage: curl-xargs.sh HOST PORT DNS_IP DNS_PORT CA_FILE [PARALLEL]
# Exit 0 when every address answered over verified TLS; 1 otherwise (curl names the failures).
set -uo pipefail
host=$1 port=$2 dns_ip=$3 dns_port=$4 ca=$5 parallel=${6:-8}

addresses=$(dig +short +tries=1 +time=5 -p "$dns_port" "@$dns_ip" "$host" A) || exit 1
[ -n "$addresses" ] || { echo "$host: no A records" >&2; exit 1; }

printf '%s\n' $addresses |
  xargs -P "$parallel" -I '{}' \
    curl -fsS -o /dev/null --max-time 5 --cacert "$ca" \
      --resolve "$host:$port:{}" "https://$host:$port/" || exit 1
