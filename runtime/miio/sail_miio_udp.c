#define _POSIX_C_SOURCE 200809L

#include "sail_miio_udp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

sail_err_t sail_miio_udp_open(sail_miio_udp_t *udp, sail_miio_session_t *session, const char *host, uint16_t port)
{
    udp->session = session;
    udp->fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (udp->fd < 0) {
        return SAIL_ERR_FAIL;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    socklen_t len = sizeof addr;
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        close(udp->fd);
        return SAIL_ERR_INVALID_ARG;
    }
    if (bind(udp->fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
        getsockname(udp->fd, (struct sockaddr *)&addr, &len) != 0 ||
        fcntl(udp->fd, F_SETFL, fcntl(udp->fd, F_GETFL) | O_NONBLOCK) != 0) {
        close(udp->fd);
        return SAIL_ERR_FAIL;
    }
    udp->port = ntohs(addr.sin_port);
    return SAIL_OK;
}

sail_err_t sail_miio_udp_serve_ready(sail_miio_udp_t *udp, int64_t now_us)
{
    for (;;) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        /* One byte more than the limit, so a longer datagram is seen as too long, not cut. */
        ssize_t got = recvfrom(udp->fd, udp->datagram, sizeof udp->datagram, 0, (struct sockaddr *)&from, &len);
        if (got < 0) {
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? SAIL_OK : SAIL_ERR_FAIL;
        }
        if (from.sin_family != AF_INET) {
            continue;
        }
        sail_miio_peer_t peer = {ntohl(from.sin_addr.s_addr), ntohs(from.sin_port)};
        size_t size = sail_miio_session_receive(udp->session, udp->datagram, (size_t)got, peer, now_us, udp->reply,
                                                sizeof udp->reply);
        if (size > 0) {
            sendto(udp->fd, udp->reply, size, 0, (struct sockaddr *)&from, len);
        }
    }
}

void sail_miio_udp_send_push(sail_miio_udp_t *udp, const uint8_t *packet, size_t size)
{
    const sail_miio_session_t *s = udp->session;
    for (size_t i = 0; i < s->subscriber_count; i++) {
        struct sockaddr_in to;
        memset(&to, 0, sizeof to);
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(s->subscribers[i].addr);
        to.sin_port = htons(s->subscribers[i].port);
        sendto(udp->fd, packet, size, 0, (struct sockaddr *)&to, sizeof to);
    }
}

void sail_miio_udp_close(sail_miio_udp_t *udp)
{
    if (udp->fd >= 0) {
        close(udp->fd);
        udp->fd = -1;
    }
}
