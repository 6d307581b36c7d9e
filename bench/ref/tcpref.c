/*
 * tcpref: the pairs of Linux system calls kttcp4j's engines use, in plain C, as two processes (a receiver and a
 * sender, started separately, as iperf3 -s and iperf3 -c are), so bench/iperf3.sh can print kttcp4j against the
 * ceiling of the calls it makes. Loopback only: it binds and connects to 127.0.0.1 and nothing else.
 *
 *   tcpref recv --port P [--sink read|waitall|splice|trunc|select] [--len BYTES] [--rcvlowat BYTES] [--pipe BYTES]
 *               [--wait S] [--json]
 *   tcpref send --port P [--source write|select|sendfile] [--len BYTES] [--time S] [--wait S] [--json]
 *
 * Sources: write(2) from a zero-filled page-aligned buffer of --len bytes; select, iperf3 3.12's client loop on a
 * non-blocking socket: select(2) until it is writable, then up to 10 blocks of --len, each written until it is in or
 * EAGAIN (the rest of a block goes first after the next select); sendfile(2) of --len bytes per call
 * from a 1 MiB zero-filled memfd, the offset wrapping (what kttcp4j's splice engine does).
 * Sinks: read(2) into a --len buffer; select, a non-blocking socket read after select(2) says it is readable, with
 * read(2) again until --len bytes are in or none is left (EAGAIN), as iperf3's server loop does; recv(2) with MSG_WAITALL for --len; splice(2) from the socket into a pipe
 * of --pipe bytes (F_SETPIPE_SZ, 1 MiB by default as in kttcp4j's splice engine), asking for the pipe's size per
 * call, then from the pipe into /dev/null; recv(fd, NULL, --len, MSG_TRUNC), which Linux's TCP takes as "discard
 * up to n received bytes" without copying them (net/ipv4/tcp.c, tcp_recvmsg_locked: `if (!(flags & MSG_TRUNC))`
 * around the copy). --rcvlowat sets SO_RCVLOWAT on the receiving socket (include/uapi/asm-generic/socket.h).
 *
 * Each process prints what it moved, its wall seconds (receiver: accept to EOF; sender: connect to its last
 * call) and its own CPU from getrusage(RUSAGE_SELF). Every wait is bounded: accept and connect wait --wait
 * seconds (default 30), each socket call SO_RCVTIMEO/SO_SNDTIMEO of --wait seconds, and an alarm(2) ends the
 * process (SIGALRM's default action) if a run overstays --time + 2 x --wait (sender) or 600 s (receiver).
 *
 * Build: make -C bench/ref (cc -O2 -Wall -Wextra). Linux only (splice, sendfile, memfd_create, MSG_TRUNC).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SOURCE_FILE (1L << 20) /* as kttcp4j's SpliceEngine.SOURCE_FILE */

static const char *prog = "tcpref";

static void die(const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
    exit(1);
}

static void usage(const char *problem)
{
    fprintf(stderr, "%s: %s\n"
            "usage: %s recv --port P [--sink read|waitall|splice|trunc|select] [--len BYTES] [--rcvlowat BYTES]"
            " [--pipe BYTES] [--wait S] [--json]\n"
            "       %s send --port P [--source write|select|sendfile] [--len BYTES] [--time S] [--wait S] [--json]\n",
            prog, problem, prog, prog);
    exit(2);
}

/* "131072", "128k", "1m": bytes; bad input names the option and exits. */
static long parse_size(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || v < 0)
        goto bad;
    if (*end == 'k' || *end == 'K')
        v <<= 10, end++;
    else if (*end == 'm' || *end == 'M')
        v <<= 20, end++;
    if (*end != '\0' || v > (1L << 30))
        goto bad;
    return v;
bad:
    fprintf(stderr, "%s: %s wants a byte count such as 131072, 128k or 1m (up to 1g), not '%s'\n", prog, opt, s);
    exit(2);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void set_timeouts(int fd, int secs)
{
    struct timeval tv = { .tv_sec = secs, .tv_usec = 0 };
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0)
        die("setsockopt SO_RCVTIMEO/SO_SNDTIMEO");
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short) port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static void report(int json, const char *role, const char *calls, long rcvlowat, long len, long long bytes,
                   long long ncalls, double secs)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) < 0)
        die("getrusage");
    double user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
    double sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    double gbits = secs > 0 ? bytes * 8 / secs / 1e9 : 0;
    if (json)
        printf("{\"role\": \"%s\", \"calls\": \"%s\", \"len\": %ld, \"rcvlowat\": %ld, \"bytes\": %lld,"
               " \"calls_made\": %lld, \"seconds\": %.6f, \"gbits\": %.4f, \"cpu_user_seconds\": %.6f,"
               " \"cpu_system_seconds\": %.6f}\n",
               role, calls, len, rcvlowat, bytes, ncalls, secs, gbits, user, sys);
    else
        printf("%s %s: %lld bytes in %.3f s = %.2f Gbit/s, %lld calls; CPU %.3f s user + %.3f s system"
               " = %.3f s/GB\n", role, calls, bytes, secs, gbits, ncalls, user, sys,
               bytes > 0 ? (user + sys) / (bytes / 1e9) : 0);
}

/* iperf3's wait in its loops: select(2) on the one socket, to read or to write, for at most wait seconds; 1 when it
 * is ready, 0 when a signal interrupted the wait (wait again); a timeout ends the process with what to check. */
static int await_ready(int fd, int for_write, int wait)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    struct timeval tv = {wait, 0};
    int r = select(fd + 1, for_write ? NULL : &set, for_write ? &set : NULL, NULL, &tv);
    if (r == 0) {
        fprintf(stderr, for_write ? "%s: the socket was not writable for %d s: is the receiver reading?\n"
                                  : "%s: nothing to read for %d s: is the sender writing?\n", prog, wait);
        exit(1);
    }
    if (r < 0) {
        if (errno == EINTR)
            return 0;
        die("select");
    }
    return 1;
}

static int do_recv(int port, const char *sink, long len, long rcvlowat, long pipesz, int wait, int json)
{
    int mode = !strcmp(sink, "read") ? 0 : !strcmp(sink, "waitall") ? 1 : !strcmp(sink, "splice") ? 2
             : !strcmp(sink, "trunc") ? 3 : !strcmp(sink, "select") ? 4 : -1;
    if (mode < 0)
        usage("--sink is one of read, waitall, splice, trunc, select");
    alarm(600);

    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ls < 0)
        die("socket");
    int one = 1;
    if (setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        die("setsockopt SO_REUSEADDR");
    struct sockaddr_in a = loopback(port);
    if (bind(ls, (struct sockaddr *) &a, sizeof a) < 0)
        die("bind 127.0.0.1 (is the port in use? give another with --port)");
    if (listen(ls, 1) < 0)
        die("listen");
    struct pollfd p = { .fd = ls, .events = POLLIN };
    int r = poll(&p, 1, wait * 1000);
    if (r < 0)
        die("poll");
    if (r == 0) {
        fprintf(stderr, "%s: no sender connected within %d s: start tcpref send, or raise --wait\n", prog, wait);
        return 1;
    }
    int fd = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0)
        die("accept");
    close(ls);
    set_timeouts(fd, wait);
    if (rcvlowat > 0) {
        int v = (int) rcvlowat;
        if (setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof v) < 0)
            die("setsockopt SO_RCVLOWAT");
    }

    char *buf = NULL;
    int pfd[2] = { -1, -1 }, null = -1;
    long want = len;
    if (mode <= 1 || mode == 4) {
        buf = mmap(NULL, (size_t) len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (buf == MAP_FAILED)
            die("mmap");
    } else if (mode == 2) {
        if (pipe2(pfd, O_CLOEXEC) < 0)
            die("pipe2");
        int got = fcntl(pfd[1], F_SETPIPE_SZ, (int) pipesz);
        if (got < 0)
            got = fcntl(pfd[1], F_GETPIPE_SZ);
        if (got <= 0)
            die("fcntl F_GETPIPE_SZ");
        want = got;
        null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (null < 0)
            die("open /dev/null");
    }

    if (mode == 4 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0)
        die("fcntl O_NONBLOCK");
    long long bytes = 0, calls = 0;
    double t0 = now();
    for (;;) {
        ssize_t n;
        if (mode == 4) {
            /* iperf3's server loop (src/iperf_server_api.c, iperf_run_server: its data sockets non-blocking;
             * src/iperf_api.c, iperf_recv; src/net.c, Nread): select(2) until the socket is readable, then read(2)
             * until --len bytes are in or the socket has no more (EAGAIN) */
            if (!await_ready(fd, 0, wait))
                continue;
            long got = 0;
            n = 1;
            while (got < len) {
                n = read(fd, buf + got, (size_t) (len - got));
                calls++;
                if (n <= 0)
                    break;
                got += n;
            }
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                die("receive");
            bytes += got;
            if (n == 0)
                break;
            continue;
        }
        switch (mode) {
        case 0: n = read(fd, buf, (size_t) len); break;
        case 1: n = recv(fd, buf, (size_t) len, MSG_WAITALL); break;
        case 2: n = splice(fd, NULL, pfd[1], NULL, (size_t) want, SPLICE_F_MOVE | SPLICE_F_MORE); break;
        default: n = recv(fd, NULL, (size_t) len, MSG_TRUNC); break;
        }
        calls++;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die(mode == 2 ? "splice from the socket" : "receive");
        }
        if (n == 0)
            break;
        bytes += n;
        while (mode == 2 && n > 0) { /* the bytes are in the pipe already: this does not wait on the peer */
            ssize_t m = splice(pfd[0], NULL, null, NULL, (size_t) n, SPLICE_F_MOVE | SPLICE_F_MORE);
            if (m < 0) {
                if (errno == EINTR)
                    continue;
                die("splice to /dev/null");
            }
            n -= m;
        }
    }
    double secs = now() - t0;
    char calls_name[64];
    snprintf(calls_name, sizeof calls_name, "%s%s", sink, rcvlowat > 0 ? "+lowat" : "");
    report(json, "recv", calls_name, rcvlowat, mode == 2 ? want : len, bytes, calls, secs);
    close(fd);
    return 0;
}

static int do_send(int port, const char *source, long len, double secs, int wait, int json)
{
    int mode = !strcmp(source, "write") ? 0 : !strcmp(source, "sendfile") ? 1 : !strcmp(source, "select") ? 2 : -1;
    if (mode < 0)
        usage("--source is one of write, sendfile, select");
    if (len > SOURCE_FILE && mode == 1)
        usage("--len is at most 1m with --source sendfile (the memfd's size)");
    alarm((unsigned) secs + 2u * (unsigned) wait + 1u);

    char *buf = NULL;
    int file = -1;
    if (mode != 1) {
        buf = mmap(NULL, (size_t) len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (buf == MAP_FAILED)
            die("mmap");
    } else {
        file = memfd_create("tcpref-source", MFD_CLOEXEC);
        if (file < 0)
            die("memfd_create");
        if (ftruncate(file, SOURCE_FILE) < 0)
            die("ftruncate");
    }

    /* Connect, retrying a refused connection every 50 ms for up to --wait seconds (the receiver may be starting). */
    int fd = -1;
    struct sockaddr_in a = loopback(port);
    double deadline = now() + wait;
    for (;;) {
        fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            die("socket");
        set_timeouts(fd, wait); /* also bounds a blocking connect(2) on Linux */
        if (connect(fd, (struct sockaddr *) &a, sizeof a) == 0)
            break;
        if (errno != ECONNREFUSED || now() > deadline) {
            fprintf(stderr, "%s: connect 127.0.0.1:%d: %s: start tcpref recv --port %d first\n", prog, port,
                    strerror(errno), port);
            return 1;
        }
        close(fd);
        usleep(50000);
    }

    if (mode == 2 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0)
        die("fcntl O_NONBLOCK");
    long long bytes = 0, calls = 0;
    off_t off = 0;
    long pending = len; /* --source select: what is left of the block being written (iperf3's pending_size) */
    double t0 = now(), end = t0 + secs;
    while (now() < end) {
        ssize_t n;
        if (mode == 0) {
            n = write(fd, buf, (size_t) len);
        } else if (mode == 2) {
            /* iperf3 3.12's client loop, its send step whole: select(2) until the non-blocking socket is writable
             * (src/iperf_client.c, iperf_run_client), then up to multisend = 10 blocks (src/iperf_api.c, iperf_send;
             * test->multisend = 10), each block the rest of --len still pending (src/iperf_tcp.c, iperf_tcp_send)
             * written by Nwrite, which calls write(2) until the block is in or EAGAIN (src/net.c) */
            if (!await_ready(fd, 1, wait))
                continue;
            long sent = 0;
            n = 0;
            for (int batch = 0; batch < 10; batch++) {
                while (pending > 0) {
                    n = write(fd, buf + (len - pending), (size_t) pending);
                    calls++;
                    if (n < 0)
                        break;
                    pending -= n;
                    sent += n;
                }
                if (n < 0 && errno != EAGAIN && errno != EINTR)
                    die("write");
                if (pending == 0)
                    pending = len;
            }
            bytes += sent;
            continue;
        } else {
            if (off + len > SOURCE_FILE)
                off = 0;
            n = sendfile(fd, file, &off, (size_t) len);
        }
        calls++;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die(mode == 1 ? "sendfile" : "write");
        }
        bytes += n;
    }
    double took = now() - t0;
    if (shutdown(fd, SHUT_WR) < 0)
        die("shutdown");
    /* Wait (bounded by SO_RCVTIMEO) for the receiver's close, so its last bytes are counted before we report. */
    char c;
    while (read(fd, &c, 1) > 0) {
    }
    report(json, "send", source, 0, len, bytes, calls, took);
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage("name a role: recv or send");
    const char *role = argv[1];
    const char *sink = "read", *source = "write";
    long len = 128 * 1024, rcvlowat = 0, pipesz = 1L << 20, port = -1;
    double secs = 10;
    long wait = 30;
    int json = 0;
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--json")) {
            json = 1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "%s: %s wants a value\n", prog, o);
            return 2;
        }
        i++;
        if (!strcmp(o, "--port")) {
            char *end;
            port = strtol(v, &end, 10);
            if (*end || port < 1 || port > 65535)
                usage("--port wants a number from 1 to 65535");
        } else if (!strcmp(o, "--sink")) {
            sink = v;
        } else if (!strcmp(o, "--source")) {
            source = v;
        } else if (!strcmp(o, "--len")) {
            len = parse_size(o, v);
        } else if (!strcmp(o, "--rcvlowat")) {
            rcvlowat = parse_size(o, v);
        } else if (!strcmp(o, "--pipe")) {
            pipesz = parse_size(o, v);
        } else if (!strcmp(o, "--time")) {
            char *end;
            secs = strtod(v, &end);
            if (*end || !(secs > 0 && secs <= 3600))
                usage("--time wants seconds, more than 0 and at most 3600");
        } else if (!strcmp(o, "--wait")) {
            char *end;
            wait = strtol(v, &end, 10);
            if (*end || wait < 1 || wait > 300)
                usage("--wait wants whole seconds from 1 to 300");
        } else {
            fprintf(stderr, "%s: unknown option '%s' (run %s without arguments for usage)\n", prog, o, prog);
            return 2;
        }
    }
    if (port < 0)
        usage("--port is required");
    if (len < 1)
        usage("--len must be at least 1 byte");
    signal(SIGPIPE, SIG_IGN);
    if (!strcmp(role, "recv"))
        return do_recv((int) port, sink, len, rcvlowat, pipesz, (int) wait, json);
    if (!strcmp(role, "send"))
        return do_send((int) port, source, len, secs, (int) wait, json);
    usage("the role is recv or send");
    return 2;
}
