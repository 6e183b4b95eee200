# The lab's private PKI, made once with openssl and cached in lab/state/pki. Sourced by lab/up.
#
#   Edge Lab Root CA ── Edge Lab Issuing CA ─┬─ www.edgecheck.test          (front leaf, 90 days)
#                                            ├─ www.edgecheck.test expired  (fault expired-cert)
#                                            └─ other.edgecheck.test        (fault wrong-host)
#   Edge Lab Other CA ── www.edgecheck.test                                  (fault wrong-issuer)
#   Edge Lab ALB CA ── alb.edgecheck.test                                    (the ALB)
#   ingress.edgecheck.test, self-signed                                      (the ingress)
#
# Files HAProxy serves hold certificate, chain and key in one PEM: *.crt.pem.

PKI_ORG="edgecheck lab"
OPENSSL_CNF="$LAB_DIR/conf/openssl.cnf"

pki_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# pki_root NAME CN DAYS: a self-signed CA.
pki_root() {
  pki_key "$PKI/$1.key"
  openssl req -config "$OPENSSL_CNF" -new -x509 -key "$PKI/$1.key" -subj "/O=$PKI_ORG/CN=$2" \
    -days "$3" -sha256 -extensions v3_root -out "$PKI/$1.pem"
}

# pki_signed NAME CN CA EXTENSIONS DAYS [LEAF_NAME]: a certificate signed by CA with openssl x509.
pki_signed() {
  pki_key "$PKI/$1.key"
  openssl req -config "$OPENSSL_CNF" -new -key "$PKI/$1.key" -subj "/O=$PKI_ORG/CN=$2" -out "$PKI/$1.csr"
  LAB_LEAF_NAME=${6:-$2} openssl x509 -req -in "$PKI/$1.csr" -CA "$PKI/$3.pem" -CAkey "$PKI/$3.key" \
    -set_serial "0x$(openssl rand -hex 12)" -days "$5" -sha256 \
    -extfile "$OPENSSL_CNF" -extensions "$4" -out "$PKI/$1.pem" 2>/dev/null
  rm -f "$PKI/$1.csr"
}

# pki_issued NAME DNSNAME DATES...: a leaf from "Edge Lab Issuing CA" via `openssl ca`;
# DATES are `-days N` or `-startdate T -enddate T`.
pki_issued() {
  local name=$1 dns=$2; shift 2
  pki_key "$PKI/$name.key"
  openssl req -config "$OPENSSL_CNF" -new -key "$PKI/$name.key" -subj "/O=$PKI_ORG/CN=$dns" -out "$PKI/$name.csr"
  LAB_CA_DIR="$PKI/issuing-db" LAB_LEAF_NAME=$dns openssl ca -config "$OPENSSL_CNF" -batch -notext \
    -cert "$PKI/issuing-ca.pem" -keyfile "$PKI/issuing-ca.key" -extensions v3_leaf \
    -in "$PKI/$name.csr" -out "$PKI/$name.pem" "$@" 2>/dev/null
  rm -f "$PKI/$name.csr"
}

# The base64 SHA-256 of a certificate's SubjectPublicKeyInfo, as curl's --pinnedpubkey sha256//.
pki_pin() {
  openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64
}

# Whether the cached PKI is complete and its front leaf has more than 31 days left (a leaf with
# less would make the certificate check warn on the healthy lab).
pki_usable() {
  [ -f "$PKI/complete" ] && openssl x509 -in "$PKI/www.pem" -noout -checkend $((31 * 86400)) >/dev/null 2>&1
}

make_pki() {
  pki_usable && return 0
  say "making the lab PKI in $PKI (once; reused until lab/down --purge)"
  # openssl reads conf/openssl.cnf whole on every call, so both variables must always be set.
  export LAB_CA_DIR="$PKI/issuing-db" LAB_LEAF_NAME=$FRONT_NAME
  rm -rf "$PKI"
  mkdir -p "$PKI/issuing-db/issued"
  : >"$PKI/issuing-db/index.txt"
  openssl rand -hex 12 >"$PKI/issuing-db/serial"

  pki_root root-ca "Edge Lab Root CA" 3650
  pki_signed issuing-ca "Edge Lab Issuing CA" root-ca v3_issuing 1825
  pki_root other-ca "Edge Lab Other CA" 3650
  pki_root alb-ca "Edge Lab ALB CA" 3650

  pki_issued www "$FRONT_NAME" -days 90
  pki_issued www-expired "$FRONT_NAME" \
    -startdate "$(date -u -d '-100 days' +%Y%m%d%H%M%SZ)" -enddate "$(date -u -d '-10 days' +%Y%m%d%H%M%SZ)"
  pki_issued other-host "other.edgecheck.test" -days 90
  pki_signed www-other-ca "$FRONT_NAME" other-ca v3_leaf 90
  pki_signed alb "$ALB_NAME" alb-ca v3_leaf 825

  pki_key "$PKI/ingress.key"
  LAB_LEAF_NAME=$INGRESS_NAME openssl req -config "$OPENSSL_CNF" -new -x509 -key "$PKI/ingress.key" \
    -subj "/O=$PKI_ORG/CN=$INGRESS_NAME" -days 825 -sha256 -extensions v3_self -out "$PKI/ingress.pem"
  pki_pin "$PKI/ingress.pem" >"$PKI/ingress.pin"

  # What the servers load: leaf, then the chain they send, then the key.
  cat "$PKI/www.pem" "$PKI/issuing-ca.pem" "$PKI/www.key" >"$PKI/www.crt.pem"
  cat "$PKI/www.pem" "$PKI/www.key" >"$PKI/www-no-intermediate.crt.pem"
  cat "$PKI/www-expired.pem" "$PKI/issuing-ca.pem" "$PKI/www-expired.key" >"$PKI/www-expired.crt.pem"
  cat "$PKI/other-host.pem" "$PKI/issuing-ca.pem" "$PKI/other-host.key" >"$PKI/other-host.crt.pem"
  cat "$PKI/www-other-ca.pem" "$PKI/www-other-ca.key" >"$PKI/www-other-ca.crt.pem"
  cat "$PKI/ingress.pem" "$PKI/ingress.key" >"$PKI/ingress.crt.pem"
  cat "$PKI/alb.pem" "$PKI/alb-ca.pem" >"$PKI/alb-chain.pem"

  # Trust anchors only: the Issuing CA stays out, so a client trusting trust.pem still notices a
  # server that omits the intermediate (fault no-intermediate).
  cat "$PKI/root-ca.pem" "$PKI/other-ca.pem" "$PKI/alb-ca.pem" >"$PKI/trust.pem"

  openssl verify -CAfile "$PKI/root-ca.pem" -untrusted "$PKI/issuing-ca.pem" "$PKI/www.pem" >/dev/null \
    || die "the new PKI does not verify"
  chmod 600 "$PKI"/*.key
  touch "$PKI/complete"
}
