/* miIO over BSD sockets: one IPv4 UDP socket, every datagram to the session,
 * its reply back to the sender, pushes to every subscriber. The same calls
 * exist in lwIP on the chip; on the host it serves real UDP on loopback for
 * interop tests. Not yet driven by the runtime's event loop: the caller polls. */
#ifndef SAIL_MIIO_UDP_H
#define SAIL_MIIO_UDP_H

#include <stdint.h>

#include "sail_miio_session.h"

typedef struct {
    int fd;
    uint16_t port;
    sail_miio_session_t *session;
    uint8_t datagram[SAIL_MIIO_MAX_DATAGRAM + 1];
    uint8_t reply[SAIL_MIIO_MAX_DATAGRAM];
} sail_miio_udp_t;

/* Binds host (dotted IPv4) and port (0: any free one; udp->port says which). */
sail_err_t sail_miio_udp_open(sail_miio_udp_t *udp, sail_miio_session_t *session, const char *host, uint16_t port);

/* Receives and answers every datagram waiting now; SAIL_ERR_FAIL when receiving fails (errno says why). */
sail_err_t sail_miio_udp_serve_ready(sail_miio_udp_t *udp, int64_t now_us);

/* Sends a sealed push to every subscriber. */
void sail_miio_udp_send_push(sail_miio_udp_t *udp, const uint8_t *packet, size_t size);

void sail_miio_udp_close(sail_miio_udp_t *udp);

#endif /* SAIL_MIIO_UDP_H */
