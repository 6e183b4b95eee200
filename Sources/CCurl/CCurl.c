#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// The libcurl functions edgecheck uses, resolved from the opened library.
static struct {
    CURLcode (*global_init)(long);
    curl_version_info_data *(*version_info)(CURLversion);
    const char *(*easy_strerror)(CURLcode);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];
static int failed;

static void fail(const char *format, const char *detail) {
    snprintf(failure, sizeof failure, format, detail ? detail : "unknown error");
    failed = 1;
}

static void load(void) {
    // The same soname the linker would have recorded for -lcurl with libcurl4-openssl-dev.
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fail("cannot load libcurl (install libcurl4): %s", dlerror());
        return;
    }
#define RESOLVE(field, name)                                                   \
    do {                                                                       \
        *(void **)(&api.field) = dlsym(library, name);                         \
        if (!api.field) {                                                      \
            fail("libcurl.so.4 lacks %s", name);                               \
            return;                                                            \
        }                                                                      \
    } while (0)
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(version_info, "curl_version_info");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    RESOLVE(multi_init, "curl_multi_init");
    RESOLVE(multi_add_handle, "curl_multi_add_handle");
    RESOLVE(multi_remove_handle, "curl_multi_remove_handle");
    RESOLVE(multi_perform, "curl_multi_perform");
    RESOLVE(multi_poll, "curl_multi_poll");
    RESOLVE(multi_wakeup, "curl_multi_wakeup");
    RESOLVE(multi_info_read, "curl_multi_info_read");
#undef RESOLVE
    // The probes hand libcurl's SSL_CTX to OpenSSL calls: any other TLS backend would crash.
    const curl_version_info_data *info = api.version_info(CURLVERSION_NOW);
    if (!info || !info->ssl_version || strncmp(info->ssl_version, "OpenSSL/", 8) != 0) {
        fail("libcurl.so.4 uses %s, not OpenSSL (install libcurl4, the OpenSSL flavour)",
             info ? info->ssl_version : NULL);
    }
}

const char *ec_curl_load(void) {
    pthread_once(&once, load);
    return failed ? failure : NULL;
}

#define READY_OR(value) do { if (ec_curl_load()) return value; } while (0)

CURLcode ec_curl_global_init(long flags) { READY_OR(CURLE_FAILED_INIT); return api.global_init(flags); }
const char *ec_curl_easy_strerror(CURLcode code) { READY_OR(failure); return api.easy_strerror(code); }
CURL *ec_curl_easy_init(void) { READY_OR(NULL); return api.easy_init(); }
void ec_curl_easy_cleanup(CURL *handle) { READY_OR(); api.easy_cleanup(handle); }
struct curl_slist *ec_curl_slist_append(struct curl_slist *list, const char *text) {
    READY_OR(NULL);
    return api.slist_append(list, text);
}
void ec_curl_slist_free_all(struct curl_slist *list) { READY_OR(); api.slist_free_all(list); }
CURLM *ec_curl_multi_init(void) { READY_OR(NULL); return api.multi_init(); }
CURLMcode ec_curl_multi_add_handle(CURLM *multi, CURL *handle) {
    READY_OR(CURLM_INTERNAL_ERROR);
    return api.multi_add_handle(multi, handle);
}
CURLMcode ec_curl_multi_remove_handle(CURLM *multi, CURL *handle) {
    READY_OR(CURLM_INTERNAL_ERROR);
    return api.multi_remove_handle(multi, handle);
}
CURLMcode ec_curl_multi_perform(CURLM *multi, int *running) {
    READY_OR(CURLM_INTERNAL_ERROR);
    return api.multi_perform(multi, running);
}
CURLMcode ec_curl_multi_poll(CURLM *multi, int timeout_ms) {
    READY_OR(CURLM_INTERNAL_ERROR);
    return api.multi_poll(multi, NULL, 0, timeout_ms, NULL);
}
CURLMcode ec_curl_multi_wakeup(CURLM *multi) { READY_OR(CURLM_INTERNAL_ERROR); return api.multi_wakeup(multi); }
CURLMsg *ec_curl_multi_info_read(CURLM *multi, int *left) { READY_OR(NULL); return api.multi_info_read(multi, left); }

CURLcode ec_easy_setopt_long(CURL *h, CURLoption o, long v) { READY_OR(CURLE_FAILED_INIT); return api.easy_setopt(h, o, v); }
CURLcode ec_easy_setopt_string(CURL *h, CURLoption o, const char *v) { READY_OR(CURLE_FAILED_INIT); return api.easy_setopt(h, o, v); }
CURLcode ec_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { READY_OR(CURLE_FAILED_INIT); return api.easy_setopt(h, o, v); }
CURLcode ec_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { READY_OR(CURLE_FAILED_INIT); return api.easy_setopt(h, o, v); }
CURLcode ec_easy_setopt_write_callback(CURL *h, CURLoption o, curl_write_callback v) { READY_OR(CURLE_FAILED_INIT); return api.easy_setopt(h, o, v); }
CURLcode ec_easy_setopt_ssl_ctx_callback(CURL *h, curl_ssl_ctx_callback v) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, v);
}
CURLcode ec_easy_setopt_sockopt_callback(CURL *h, curl_sockopt_callback v) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, v);
}
CURLcode ec_easy_setopt_prereq_callback(CURL *h, curl_prereq_callback v) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(h, CURLOPT_PREREQFUNCTION, v);
}
CURLcode ec_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { READY_OR(CURLE_FAILED_INIT); return api.easy_getinfo(h, i, v); }
CURLcode ec_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { READY_OR(CURLE_FAILED_INIT); return api.easy_getinfo(h, i, v); }
CURLcode ec_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { READY_OR(CURLE_FAILED_INIT); return api.easy_getinfo(h, i, v); }
