#!/usr/bin/env bash
# The lab's front door checked the way a careful operator would without edgecheck: dig, curl and
# openssl, one check after the other, with the same settings as checks/lab.yaml. The benchmark
# times it against `edgecheck run checks/lab.yaml` and compares the verdicts; it is also a plain
# account of what each edgecheck check stands for.
#
# Prints one line per check, "ID STATUS WHY" (STATUS: pass, warn, fail, error), with the ids of
# checks/lab.yaml. Exit 0 when nothing failed, 1 otherwise. Needs a running lab (lab/up).
# Every setting can be overridden from the environment (e.g. LOOKUPS=1 bench/operator-check.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
[ -f lab/state/env ] && . lab/state/env

pki=lab/state/pki
# The settings of checks/lab.yaml, check by check.
HOST=${HOST:-www.edgecheck.test}
PORT=${PORT:-8443}
HTTP_PORT=${HTTP_PORT:-8080}
TRUST=${TRUST:-$pki/trust.pem}                    # defaults: ca-file
TIMEOUT=${TIMEOUT:-3}                             # defaults: timeout (seconds)
PRIMARY=${PRIMARY:-127.0.53.1}                    # defaults: dns-servers
DNS_PORT=${DNS_PORT:-10053}
# static-ips: both resolvers, LOOKUPS rounds INTERVAL seconds apart, A and AAAA.
RESOLVERS=${RESOLVERS:-"127.0.53.1 127.0.53.2"}
EXPECT=${EXPECT:-"127.0.10.1 127.0.10.2"}
LOOKUPS=${LOOKUPS:-3}
INTERVAL=${INTERVAL:-0.1}
# front-certificate
ISSUER=${ISSUER:-"Edge Lab Issuing CA"}          # substring of the leaf's issuer
MIN_DAYS=${MIN_DAYS:-14}
WARN_DAYS=${WARN_DAYS:-30}
# http-redirect
REDIRECT_PATH=${REDIRECT_PATH:-"/some/path?q=1"}
# client-address: the text echo ("Name: value" lines) is easier to read in shell than JSON.
CANARY_PATH=${CANARY_PATH:-/canary/text}
BIND=${BIND:-}                                    # a source address to bind, if any
CLIENT_IP_URL=${CLIENT_IP_URL:-http://127.0.40.2:8080/}
TRUSTED_HOPS=${TRUSTED_HOPS:-2}
FORGED=192.0.2.66
# ingress-proxy-protocol: the ingress itself, its canary, and a local address it must not trust.
INGRESS_URL=${INGRESS_URL:-https://ingress.edgecheck.test:8443/canary/text}
INGRESS_ADDR=${INGRESS_ADDR:-127.0.20.1}
PROXY_FROM=${PROXY_FROM:-127.0.0.1}               # the trusted source the header is sent from
UNTRUSTED_BIND=${UNTRUSTED_BIND:-127.0.50.1}
# hop-timing: SAMPLES fresh connections per hop; the median handshake within the budget.
SAMPLES=${SAMPLES:-5}
TLS_P50_BUDGET_MS=${TLS_P50_BUDGET_MS:-150}
# One hop a line: name, URL, address to connect to ("-": resolve the URL's host), and how the
# hop is trusted: a CA file, or "pin:" and the base64 SHA-256 of its public key (a pinned,
# self-signed internal hop: the pin replaces chain trust, it does not switch verification off);
# then "proxy" for a hop that serves only connections starting with a PROXY header (the ingress:
# curl's --haproxy-protocol sends v1, where lab.yaml sends v2; the ingress takes both).
INGRESS_PIN=${LAB_INGRESS_PIN:-$(cat $pki/ingress.pin 2>/dev/null)}
HOPS=${HOPS:-"nlb https://$HOST:$PORT/ 127.0.10.1 $TRUST
ingress https://ingress.edgecheck.test:8443/ - pin:$INGRESS_PIN proxy
alb https://alb.edgecheck.test:8443/ - $pki/alb-ca.pem"}

failed=0

# verdict ID STATUS WHY...: one line per check, and remember a failure for the exit code.
verdict() {
  local id=$1 status=$2
  shift 2
  printf '%-18s %-5s %s\n' "$id" "$status" "$*"
  [ "$status" = pass ] || [ "$status" = warn ] || failed=1
}

# lookup SERVER TYPE [NAME]: the answers, one per line; returns 1 (with the reason on stdout)
# when the lookup failed: no reply, or a reply other than NOERROR.
lookup() {
  local reply status name=${3:-$HOST}
  reply=$(dig +noall +comments +answer +tries=1 +time="$TIMEOUT" -p "$DNS_PORT" "@$1" "$name" "$2") ||
    { echo "$1 $name $2: no reply"; return 1; }
  status=$(sed -n 's/.*status: \([A-Z]*\),.*/\1/p' <<<"$reply")
  [ "$status" = NOERROR ] || { echo "$1 $name $2: $status"; return 1; }
  awk -v t="$2" '$4 == t { print $5 }' <<<"$reply"
}

# addresses [NAME]: what the primary resolver gives for the name now (the addresses users reach).
addresses() { lookup "$PRIMARY" A "${1:-$HOST}"; }

# in_list WORD LIST...: whether WORD is one of LIST.
in_list() {
  local word=$1 item
  shift
  for item in "$@"; do [ "$item" = "$word" ] && return 0; done
  return 1
}

# pinned ADDRESSES URL [curl options...]: "CODE REDIRECT_URL" of one verified request to URL, its
# host pinned to ADDRESSES (comma-separated; curl tries them in turn, as with a DNS answer). On
# failure, prints curl's one-line reason and returns 1.
pinned() {
  local ips=$1 url=$2 hostport out
  shift 2
  hostport=${url#*://}
  hostport=${hostport%%/*}
  if out=$(curl -sS -o /dev/null --max-time "$TIMEOUT" --cacert "$TRUST" \
    --resolve "${hostport%:*}:${hostport##*:}:$ips" -w '%{http_code} %{redirect_url}' "$@" "$url" 2>&1); then
    echo "$out"
  else
    grep -m1 '^curl:' <<<"$out" || echo "curl failed"
    return 1
  fi
}

# canary [curl options...]: the canary's text echo, reached (from BIND, if set) through the front door.
canary() {
  local ips out
  ips=$(addresses) || { echo "$ips"; return 1; }
  if out=$(curl -sS --max-time "$TIMEOUT" ${BIND:+--interface "$BIND"} --cacert "$TRUST" \
    --resolve "$HOST:$PORT:$(paste -sd, <<<"$ips")" "$@" "https://$HOST:$PORT$CANARY_PATH" 2>&1); then
    tr -d '\r' <<<"$out"
  else
    grep -m1 '^curl:' <<<"$out" || echo "curl failed"
    return 1
  fi
}

# header NAME: the values of header NAME in a text echo on stdin, one entry per line (a
# comma-separated header is split, and repeated headers are read in order).
header() {
  awk -F': *' -v name="$1" 'tolower($1) == name { print $2 }' | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^$'
}

# static-ip: the name only ever resolves to allow-listed addresses, and each one serves TLS.
check_static_ip() {
  local seen=() problems=() missing=() i server type answers ip reason
  for ((i = 1; i <= LOOKUPS; i++)); do
    for server in $RESOLVERS; do
      for type in A AAAA; do
        if answers=$(lookup "$server" "$type"); then
          for ip in $answers; do in_list "$ip" "${seen[@]}" || seen+=("$ip"); done
        else
          problems+=("lookup $answers")
        fi
      done
    done
    [ "$i" -lt "$LOOKUPS" ] && sleep "$INTERVAL"
  done
  for ip in "${seen[@]}"; do
    in_list "$ip" $EXPECT || problems+=("$ip is not in the allow-list")
  done
  for ip in $EXPECT; do in_list "$ip" "${seen[@]}" || missing+=("$ip"); done
  local targets=("${seen[@]}")
  for ip in $EXPECT; do in_list "$ip" "${targets[@]}" || targets+=("$ip"); done
  for ip in "${targets[@]}"; do
    reason=$(pinned "$ip" "https://$HOST:$PORT/") || problems+=("$ip does not serve: $reason")
  done
  if [ ${#problems[@]} -gt 0 ]; then
    verdict static-ips fail "${problems[*]}"
  elif [ ${#missing[@]} -gt 0 ]; then
    verdict static-ips warn "allow-listed but never seen: ${missing[*]}"
  else
    verdict static-ips pass "${#seen[@]} addresses, all allow-listed and serving"
  fi
}

# certificate: every address serves the same leaf, trusted, for the name, from the right
# issuer, not about to expire.
check_certificate() {
  local ips problems=() warnings=() fingerprints=() ip pem err issuer fingerprint
  ips=$(addresses) || { verdict front-certificate fail "$ips"; return; }
  for ip in $ips; do
    err=$(mktemp)
    # s_client has no time limit of its own: a blackholed address would hang it.
    pem=$(timeout "$TIMEOUT" openssl s_client -connect "$ip:$PORT" -servername "$HOST" -verify_hostname "$HOST" \
      -CAfile "$TRUST" -verify_return_error </dev/null 2>"$err" | openssl x509 2>/dev/null)
    if [ -z "$pem" ] || grep -q 'verify error' "$err"; then
      problems+=("$ip: $(grep -m1 -o 'verify error:.*' "$err" || grep -m1 -io 'errno=[0-9]*\|refused\|reset' "$err" || echo "no TLS answer within ${TIMEOUT}s")")
      rm -f "$err"
      continue
    fi
    rm -f "$err"
    issuer=$(openssl x509 -noout -issuer -nameopt RFC2253 <<<"$pem")
    grep -qiF -- "$ISSUER" <<<"$issuer" || problems+=("$ip: ${issuer}, expected $ISSUER")
    if ! openssl x509 -noout -checkend $((MIN_DAYS * 86400)) <<<"$pem" >/dev/null; then
      problems+=("$ip: expires within $MIN_DAYS days")
    elif ! openssl x509 -noout -checkend $((WARN_DAYS * 86400)) <<<"$pem" >/dev/null; then
      warnings+=("$ip: expires within $WARN_DAYS days")
    fi
    fingerprint=$(openssl x509 -noout -fingerprint -sha256 <<<"$pem")
    in_list "$fingerprint" "${fingerprints[@]}" || fingerprints+=("$fingerprint")
  done
  [ ${#fingerprints[@]} -gt 1 ] && problems+=("the addresses serve ${#fingerprints[@]} different certificates")
  if [ ${#problems[@]} -gt 0 ]; then
    verdict front-certificate fail "${problems[*]}"
  elif [ ${#warnings[@]} -gt 0 ]; then
    verdict front-certificate warn "${warnings[*]}"
  else
    verdict front-certificate pass "same trusted leaf on every address"
  fi
}

# redirect: plain HTTP answers with a redirect to the same host, path and query over HTTPS,
# and that location answers without a 5xx or a way back to http.
check_redirect() {
  local ips ip reply code location problems=() expected="https://$HOST:$PORT$REDIRECT_PATH"
  ips=$(addresses) || { verdict http-redirect fail "$ips"; return; }
  for ip in $ips; do
    reply=$(pinned "$ip" "http://$HOST:$HTTP_PORT$REDIRECT_PATH") ||
      { problems+=("$ip: $reply"); continue; }
    read -r code location <<<"$reply"
    case $code in 301 | 302 | 303 | 307 | 308) ;; *) problems+=("$ip: status $code"); continue ;; esac
    [ "$location" = "$expected" ] || { problems+=("$ip: Location $location, expected $expected"); continue; }
    reply=$(pinned "$ip" "$location") || { problems+=("$ip: following $location: $reply"); continue; }
    read -r code location <<<"$reply"
    [ "${code:0:1}" = 5 ] && problems+=("$ip: $expected answers $code")
    [ "${location%%://*}" = http ] && problems+=("$ip: $expected redirects back to $location")
  done
  if [ ${#problems[@]} -gt 0 ]; then
    verdict http-redirect fail "${problems[*]}"
  else
    verdict http-redirect pass "every address redirects to $expected"
  fi
}

# xff-echo: the canary sees our own address at the trusted position, and a forged header
# cannot take its place.
check_xff_echo() {
  local client echo chain spoofed n position forged_at proto problems=()
  client=$(curl -sS --max-time "$TIMEOUT" ${BIND:+--interface "$BIND"} "$CLIENT_IP_URL" 2>&1 | tr -d '[:space:]')
  [[ $client =~ ^[0-9.]+$|:.*: ]] || { verdict client-address fail "no client address from $CLIENT_IP_URL: $client"; return; }
  echo=$(canary) || { verdict client-address fail "canary: $echo"; return; }
  mapfile -t chain < <(header x-forwarded-for <<<"$echo")
  n=${#chain[@]}
  position=$((n - TRUSTED_HOPS))
  if [ "$position" -lt 0 ]; then
    problems+=("X-Forwarded-For has ${n} entries (${chain[*]}), fewer than trusted-hops $TRUSTED_HOPS")
  elif [ "${chain[$position]}" != "$client" ]; then
    problems+=("X-Forwarded-For ${chain[*]}: found ${chain[$position]} where $client was expected")
  fi
  proto=$(header x-forwarded-proto <<<"$echo")
  [ -z "$proto" ] || [ "$proto" = https ] || problems+=("X-Forwarded-Proto $proto, expected https")
  echo=$(canary -H "X-Forwarded-For: $FORGED") || { verdict client-address fail "canary: $echo"; return; }
  mapfile -t spoofed < <(header x-forwarded-for <<<"$echo")
  n=${#spoofed[@]}
  for ((forged_at = n - 1; forged_at >= 0; forged_at--)); do
    [ "${spoofed[$forged_at]}" = "$FORGED" ] && break
  done
  if [ "$forged_at" -ge 0 ] && [ "$forged_at" -ge $((n - TRUSTED_HOPS)) ]; then
    problems+=("a forged X-Forwarded-For: $FORGED lands at the trusted position: a client can forge its source address")
  fi
  if [ ${#problems[@]} -gt 0 ]; then
    verdict client-address fail "${problems[*]}"
  else
    verdict client-address pass "the canary sees $client at position $TRUSTED_HOPS from the right"
  fi
}

# ingress URL FROM [curl options...]: "CODE" and the text echo of one request straight to the
# ingress (pinned by key), sent from FROM. On failure, prints curl's one-line reason and returns 1.
ingress() {
  local from=$1 hostport out
  shift
  hostport=${INGRESS_URL#*://}
  hostport=${hostport%%/*}
  if out=$(curl -sS --max-time "$TIMEOUT" --interface "$from" --insecure --pinnedpubkey "sha256//$INGRESS_PIN" \
    --connect-to "$hostport:$INGRESS_ADDR:${hostport##*:}" -w '\n%{http_code}' "$@" "$INGRESS_URL" 2>&1); then
    tr -d '\r' <<<"$out"
  else
    grep -m1 '^curl:' <<<"$out" || echo "curl failed"
    return 1
  fi
}

# proxy-protocol: the ingress takes the client from a PROXY header, serves nothing without one, and
# takes no header from an address outside the NLB's. curl (before 8.2) can only announce the
# connection's real source, so from the untrusted address the header tells the truth: being served
# there at all (below 400), with that address at the trusted position, is the failure.
check_proxy_protocol() {
  local echo code chain n problems=()
  if echo=$(ingress "$PROXY_FROM" --haproxy-protocol); then
    code=$(tail -n1 <<<"$echo")
    mapfile -t chain < <(head -n -1 <<<"$echo" | header x-forwarded-for)
    n=${#chain[@]}
    if [ "${code:0:1}" != 2 ]; then
      problems+=("with a header: status $code")
    elif [ "$n" -lt "$TRUSTED_HOPS" ] || [ "${chain[$((n - TRUSTED_HOPS))]}" != "$PROXY_FROM" ]; then
      problems+=("with a header from $PROXY_FROM: X-Forwarded-For ${chain[*]}, $PROXY_FROM not at position $TRUSTED_HOPS")
    fi
  else
    problems+=("with a header: $echo")
  fi
  if echo=$(ingress "$PROXY_FROM"); then
    code=$(tail -n1 <<<"$echo")
    [ "$code" -lt 400 ] && problems+=("served without a PROXY header (status $code)")
  fi
  if echo=$(ingress "$UNTRUSTED_BIND" --haproxy-protocol); then
    code=$(tail -n1 <<<"$echo")
    mapfile -t chain < <(head -n -1 <<<"$echo" | header x-forwarded-for)
    n=${#chain[@]}
    if [ "$code" -lt 400 ] && [ "$n" -ge "$TRUSTED_HOPS" ] && [ "${chain[$((n - TRUSTED_HOPS))]}" = "$UNTRUSTED_BIND" ]; then
      problems+=("a PROXY header from $UNTRUSTED_BIND is taken: anyone who reaches the ingress can announce any client")
    fi
  fi
  if [ ${#problems[@]} -gt 0 ]; then
    verdict ingress-proxy-protocol fail "${problems[*]}"
  else
    verdict ingress-proxy-protocol pass "PROXY headers required, and taken only from $PROXY_FROM"
  fi
}

# tls-timing: SAMPLES fresh connections per hop, the median TLS handshake within budget.
check_tls_timing() {
  local name url address trust proxy hostport trust_options problems=() summary=() handshakes p50 i
  while read -r name url address trust proxy; do
    [ -n "$name" ] || continue
    hostport=${url#*://}
    hostport=${hostport%%/*}
    if [ "$address" = - ]; then
      address=$(addresses "${hostport%:*}" | head -n1)
      [ -n "$address" ] || { problems+=("$name: ${hostport%:*} does not resolve"); continue; }
    fi
    if [[ $trust == pin:* ]]; then
      # The pin is the check: curl compares the key before any byte of HTTP is sent.
      trust_options=(--insecure --pinnedpubkey "sha256//${trust#pin:}")
    else
      trust_options=(--cacert "$trust")
    fi
    [ "$proxy" = proxy ] && trust_options+=(--haproxy-protocol)
    handshakes=$(for ((i = 0; i < SAMPLES; i++)); do
      curl -sS -o /dev/null --max-time "$TIMEOUT" "${trust_options[@]}" \
        --connect-to "$hostport:$address:${hostport##*:}" \
        -w '%{time_connect} %{time_appconnect}\n' "$url" 2>/dev/null || echo "failed"
    done)
    if grep -q failed <<<"$handshakes"; then
      problems+=("$name: $(grep -c failed <<<"$handshakes") of $SAMPLES connections failed")
      continue
    fi
    # The median of (appconnect - connect), in milliseconds.
    p50=$(awk '{ printf "%.3f\n", ($2 - $1) * 1000 }' <<<"$handshakes" | sort -n |
      awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    summary+=("$name tls p50 ${p50}ms")
    awk -v p="$p50" -v b="$TLS_P50_BUDGET_MS" 'BEGIN { exit !(p > b) }' &&
      problems+=("$name: tls p50 ${p50}ms over the ${TLS_P50_BUDGET_MS}ms budget")
  done <<<"$HOPS"
  if [ ${#problems[@]} -gt 0 ]; then
    verdict hop-timing fail "${problems[*]}"
  else
    verdict hop-timing pass "${summary[*]}"
  fi
}

# lab-pki: the same monitoring plugin lab.yaml runs, read by its exit code.
check_lab_pki() {
  local summary code
  summary=$(checks/plugins/check_file_age -f "$TRUST" -w 5184000 -c 7776000 | head -n1)
  code=${PIPESTATUS[0]}
  case $code in
    0) verdict lab-pki pass "$summary" ;;
    1) verdict lab-pki warn "$summary" ;;
    2) verdict lab-pki fail "$summary" ;;
    *) verdict lab-pki error "plugin exit $code: $summary" ;;
  esac
}

check_static_ip
check_certificate
check_redirect
check_xff_echo
check_proxy_protocol
check_tls_timing
check_lab_pki
exit "$failed"
