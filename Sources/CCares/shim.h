#ifndef EDGECHECK_CCARES_SHIM_H
#define EDGECHECK_CCARES_SHIM_H
// c-ares: DNS resolution against chosen servers with millisecond timeouts.
#include <ares.h>
#include <ares_dns.h>
#include <sys/select.h>

#endif
