#!/usr/bin/env bash
# What a user does today to prove every address behind a name serves a trusted certificate:
# resolve the name, then one verified HTTPS request per address, one after the other.
# Usage: curl-loop.sh HOST PORT DNS_IP DNS_PORT CA_FILE
# Exit 0 when every address answered over verified TLS; 1 (naming the addresses) otherwise.
set -uo pipefail
host=$1 port=$2 dns_ip=$3 dns_port=$4 ca=$5

addresses=$(dig +short +tries=1 +time=5 -p "$dns_port" "@$dns_ip" "$host" A) || exit 1
[ -n "$addresses" ] || { echo "$host: no A records" >&2; exit 1; }

failed=()
for ip in $addresses; do
  curl -fsS -o /dev/null --max-time 5 --cacert "$ca" \
    --resolve "$host:$port:$ip" "https://$host:$port/" || failed+=("$ip")
done
[ ${#failed[@]} -eq 0 ] || { echo "not serving: ${failed[*]}" >&2; exit 1; }
