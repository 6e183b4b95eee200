#ifndef EDGECHECK_CCURL_H
#define EDGECHECK_CCURL_H
// libcurl, opened at run time (dlopen) rather than linked. Linked, its thirty-odd dependencies
// (GnuTLS, Kerberos, LDAP, SSH, RTMP...) are mapped and relocated before main, some 3.5 ms of
// every start; opened, they load on the engine thread while the suites are read, and commands
// that never probe (--version, validate, list) never load them.
//
// Swift calls only the ec_ functions below. Each loads the library on first use (once, from any
// thread) and, when it cannot be loaded, fails the way libcurl itself reports failure. The
// curl_ functions that curl.h declares are not linked: calling one is a link error.
#include <curl/curl.h>

/// Loads libcurl.so.4 once. NULL when usable, else why not (not found, a symbol missing, or
/// built without OpenSSL, whose SSL_CTX the probes configure).
const char *ec_curl_load(void);

CURLcode ec_curl_global_init(long flags);
const char *ec_curl_easy_strerror(CURLcode code);
CURL *ec_curl_easy_init(void);
void ec_curl_easy_cleanup(CURL *handle);
struct curl_slist *ec_curl_slist_append(struct curl_slist *list, const char *text);
void ec_curl_slist_free_all(struct curl_slist *list);
CURLM *ec_curl_multi_init(void);
CURLMcode ec_curl_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode ec_curl_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode ec_curl_multi_perform(CURLM *multi, int *running);
CURLMcode ec_curl_multi_poll(CURLM *multi, int timeout_ms);
CURLMcode ec_curl_multi_wakeup(CURLM *multi);
CURLMsg *ec_curl_multi_info_read(CURLM *multi, int *left);

// Typed forms of the variadic calls, which Swift cannot make: one per argument type.
CURLcode ec_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ec_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ec_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ec_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ec_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode ec_easy_setopt_ssl_ctx_callback(CURL *handle, curl_ssl_ctx_callback value);
CURLcode ec_easy_setopt_sockopt_callback(CURL *handle, curl_sockopt_callback value);
CURLcode ec_easy_setopt_prereq_callback(CURL *handle, curl_prereq_callback value);
CURLcode ec_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ec_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);
CURLcode ec_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

#endif
