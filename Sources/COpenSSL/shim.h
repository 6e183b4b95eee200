#ifndef EDGECHECK_COPENSSL_SHIM_H
#define EDGECHECK_COPENSSL_SHIM_H
// OpenSSL headers, plus typed wrappers for what OpenSSL exposes only as macros.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/evp.h>
#include <openssl/bio.h>
#include <openssl/ocsp.h>

static inline long ec_BIO_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }
static inline int ec_sk_X509_num(const STACK_OF(X509) *s) { return sk_X509_num(s); }
static inline X509 *ec_sk_X509_value(const STACK_OF(X509) *s, int i) { return sk_X509_value(s, i); }
static inline STACK_OF(X509) *ec_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int ec_sk_X509_push(STACK_OF(X509) *s, X509 *x) { return sk_X509_push(s, x); }
static inline void ec_sk_X509_free(STACK_OF(X509) *s) { sk_X509_free(s); }
static inline void ec_sk_X509_pop_free(STACK_OF(X509) *s) { sk_X509_pop_free(s, X509_free); }
static inline int ec_sk_GENERAL_NAME_num(const STACK_OF(GENERAL_NAME) *s) { return sk_GENERAL_NAME_num(s); }
static inline GENERAL_NAME *ec_sk_GENERAL_NAME_value(const STACK_OF(GENERAL_NAME) *s, int i) { return sk_GENERAL_NAME_value(s, i); }
static inline void ec_GENERAL_NAMES_free(STACK_OF(GENERAL_NAME) *s) { GENERAL_NAMES_free(s); }
static inline void *ec_X509_get_subject_alt_names(const X509 *x) { return X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL); }
static inline int ec_GENERAL_NAME_type(const GENERAL_NAME *n) { return n->type; }
// The IA5String of a dNSName, or the OCTET STRING of an iPAddress.
static inline const ASN1_STRING *ec_GENERAL_NAME_string(const GENERAL_NAME *n) {
    switch (n->type) {
    case GEN_DNS: return n->d.dNSName;
    case GEN_IPADD: return n->d.iPAddress;
    default: return NULL;
    }
}
// RFC 2253 output (most specific RDN first, as RFC 4514 wants) with UTF-8 left unescaped.
static inline unsigned long ec_XN_FLAG_RFC4514(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }
static inline int ec_X509_is_CA(X509 *x) { return (X509_get_extension_flags(x) & EXFLAG_CA) != 0; }
static inline void ec_OPENSSL_free(void *p) { OPENSSL_free(p); }
static inline int ec_SSL_CTX_set_app_data(SSL_CTX *ctx, void *data) { return SSL_CTX_set_app_data(ctx, data); }
static inline void *ec_SSL_CTX_get_app_data(const SSL_CTX *ctx) { return SSL_CTX_get_app_data(ctx); }
// OCSP stapling (status_request): ask for it on a client context, read what the server stapled.
static inline long ec_SSL_CTX_request_ocsp_status(SSL_CTX *ctx) { return SSL_CTX_set_tlsext_status_type(ctx, TLSEXT_STATUSTYPE_ocsp); }
static inline long ec_SSL_get_ocsp_response(SSL *ssl, const unsigned char **response) {
    unsigned char *p = NULL;
    long length = SSL_get_tlsext_status_ocsp_resp(ssl, &p);
    *response = p;
    return length;
}

#endif