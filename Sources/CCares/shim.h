#ifndef EDGECHECK_CCARES_SHIM_H
#define EDGECHECK_CCARES_SHIM_H
// c-ares: DNS resolution against chosen servers with millisecond timeouts.
#include <ares.h>
#include <ares_dns.h>
#include <poll.h>
#include <sys/time.h>

// One turn of the c-ares event loop: waits at most `max_wait_ms` (less when c-ares has an earlier
// retransmission due) for the channel's sockets, then lets c-ares process what is ready and what
// timed out. Uses poll, not select, so descriptors above FD_SETSIZE (a process running a thousand
// probes) are fine. Returns 0 when the channel has no socket open, i.e. nothing is pending.
static inline int ec_ares_turn(ares_channel channel, int max_wait_ms) {
    ares_socket_t socks[ARES_GETSOCK_MAXNUM];
    struct pollfd fds[ARES_GETSOCK_MAXNUM];
    int bits = ares_getsock(channel, socks, ARES_GETSOCK_MAXNUM);
    nfds_t count = 0;
    for (int i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
        short events = 0;
        if (ARES_GETSOCK_READABLE(bits, i)) events |= POLLIN;
        if (ARES_GETSOCK_WRITABLE(bits, i)) events |= POLLOUT;
        if (events == 0) continue;
        fds[count].fd = socks[i];
        fds[count].events = events;
        fds[count].revents = 0;
        count++;
    }
    struct timeval max_wait = { max_wait_ms / 1000, (max_wait_ms % 1000) * 1000 };
    struct timeval wait;
    struct timeval *tv = ares_timeout(channel, &max_wait, &wait);
    if (count == 0 && tv == &max_wait) return 0;
    int timeout_ms = (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000);
    int ready = poll(fds, count, timeout_ms);
    if (ready <= 0) {
        // Nothing readable: let c-ares handle its timeouts and retransmissions.
        ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
        return 1;
    }
    for (nfds_t i = 0; i < count; i++) {
        ares_socket_t r = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd : ARES_SOCKET_BAD;
        ares_socket_t w = (fds[i].revents & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD;
        if (r != ARES_SOCKET_BAD || w != ARES_SOCKET_BAD) ares_process_fd(channel, r, w);
    }
    return 1;
}

#endif
