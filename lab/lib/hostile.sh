# The hostile set and the IPv6 front: extra servers lab/up starts beside the healthy replica, on
# addresses of their own (see lab/README.md). Sourced by lab/up after lib/common.sh and lib/pki.sh.
#
#   127.0.66.0/24  services/hostile.py: one misbehaviour per listener (HOSTILE_PLAN below)
#   ::1            the NLB's third front address, for v6.edgecheck.test (AAAA ::1 only)

HOSTILE_CNF="$LAB_DIR/conf/hostile.cnf"
V6_NAME=v6.edgecheck.test
V6_ADDR=::1

# NAME MODE ADDRESS PORT, one listener each; services/hostile.py says what each mode does.
HOSTILE_PLAN="trickle trickle 127.0.66.1 $HTTP_PORT
endless-headers endless-headers 127.0.66.2 $HTTP_PORT
huge-headers huge-headers 127.0.66.3 $HTTP_PORT
huge-body huge-body 127.0.66.4 $HTTP_PORT
garbage-tls garbage-tls 127.0.66.5 $HTTPS_PORT
stall-tls stall-tls 127.0.66.6 $HTTPS_PORT
canary canary 127.0.66.7 $HTTP_PORT
redirect redirect 127.0.66.8 $HTTP_PORT
loop loop 127.0.66.12 $HTTP_PORT
loop-tls loop-tls 127.0.66.12 $HTTPS_PORT
dns-truncating dns-truncating 127.0.66.53 $DNS_PORT
dns-other-question dns-other-question 127.0.66.54 $DNS_PORT"

# extra_leaf NAME CN EXTENSIONS: a 90-day leaf from "Edge Lab Issuing CA" (kept with the PKI, made
# again with it), served as NAME.crt.pem with the intermediate.
extra_leaf() {
  [ -f "$PKI/$1.crt.pem" ] && return 0
  pki_key "$PKI/$1.key"
  # openssl reads conf/openssl.cnf whole, so its variables must be set even when the PKI was
  # made by an earlier lab/up (make_pki exports them only when it makes one).
  LAB_CA_DIR="$PKI/issuing-db" LAB_LEAF_NAME=$2 \
    openssl req -config "$OPENSSL_CNF" -new -key "$PKI/$1.key" -subj "/O=$PKI_ORG/CN=$2" -out "$PKI/$1.csr"
  openssl x509 -req -in "$PKI/$1.csr" -CA "$PKI/issuing-ca.pem" -CAkey "$PKI/issuing-ca.key" \
    -set_serial "0x$(openssl rand -hex 12)" -days 90 -sha256 \
    -extfile "$HOSTILE_CNF" -extensions "$3" -out "$PKI/$1.pem" 2>/dev/null
  rm -f "$PKI/$1.csr"
  chmod 600 "$PKI/$1.key"
  cat "$PKI/$1.pem" "$PKI/issuing-ca.pem" "$PKI/$1.key" >"$PKI/$1.crt.pem"
}

make_extra_pki() {
  extra_leaf hostile hostile.edgecheck.test v3_hostile
  extra_leaf v6 "$V6_NAME" v3_v6
}

# The NLB's listeners on ::1 (after the IPv4 ones lab/up renders): the v6 leaf, or the one a
# certificate fault puts in its place, so the same faults show over IPv6.
v6_nlb_binds() {
  local cert="$PKI/v6.crt.pem"
  has_fault expired-cert && cert="$PKI/www-expired.crt.pem"
  has_fault wrong-host && cert="$PKI/other-host.crt.pem"
  NLB_HTTPS_BINDS+="    bind [$V6_ADDR]:$HTTPS_PORT ssl crt $cert"$'\n'
  NLB_HTTP_BINDS+="    bind [$V6_ADDR]:$HTTP_PORT"$'\n'
}

# dnsmasq lines for the v6 name: AAAA only (an A query gets an empty NOERROR answer).
v6_dns_conf() {
  echo "host-record=$V6_NAME,$V6_ADDR"
}

# Listener lines for services/ready.py.
extra_listeners() {
  local name mode address port
  while read -r name mode address port; do
    case $mode in
      dns-*) echo "hostile udp $address $port"; echo "hostile tcp $address $port" ;;
      *) echo "hostile tcp $address $port" ;;
    esac
  done <<<"$HOSTILE_PLAN"
  echo "nlb tls $V6_ADDR $HTTPS_PORT $V6_NAME"
  echo "nlb tcp $V6_ADDR $HTTP_PORT"
}

start_hostile() {
  printf '%s\n' "# NAME MODE ADDRESS PORT (read by services/hostile.py)" "$HOSTILE_PLAN" >"$CONF/hostile.plan"
  start_daemon hostile "$PYTHON" "$LAB_DIR/services/hostile.py" --cert "$PKI/hostile.crt.pem" \
    --key "$PKI/hostile.key" --plan "$CONF/hostile.plan"
}

extra_env() {
  env_line LAB_HOSTILE_TRICKLE_URL "http://127.0.66.1:$HTTP_PORT/"
  env_line LAB_HOSTILE_ENDLESS_HEADERS_URL "http://127.0.66.2:$HTTP_PORT/"
  env_line LAB_HOSTILE_HUGE_HEADERS_URL "http://127.0.66.3:$HTTP_PORT/"
  env_line LAB_HOSTILE_HUGE_BODY_URL "http://127.0.66.4:$HTTP_PORT/"
  env_line LAB_HOSTILE_GARBAGE_TLS_URL "https://127.0.66.5:$HTTPS_PORT/"
  env_line LAB_HOSTILE_STALL_TLS_URL "https://127.0.66.6:$HTTPS_PORT/"
  env_line LAB_HOSTILE_CANARY "http://127.0.66.7:$HTTP_PORT"
  env_line LAB_HOSTILE_REDIRECT "http://127.0.66.8:$HTTP_PORT"
  env_line LAB_HOSTILE_LOOP_URL "http://127.0.66.12:$HTTP_PORT/loop"
  env_line LAB_HOSTILE_DNS_TRUNCATING "127.0.66.53:$DNS_PORT"
  env_line LAB_HOSTILE_DNS_OTHER_QUESTION "127.0.66.54:$DNS_PORT"
  env_line LAB_V6_NAME "$V6_NAME"
  env_line LAB_V6_ADDR "$V6_ADDR"
  env_line LAB_V6_TARGET "https://$V6_NAME:$HTTPS_PORT"
  env_line LAB_V6_CANARY_URL "https://$V6_NAME:$HTTPS_PORT/canary"
}
