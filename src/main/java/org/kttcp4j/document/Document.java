package org.kttcp4j.document;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;

/**
 * One run as a JSON document, in iperf3's shape where it fits (esnet/iperf's -J output, src/iperf_api.c):
 * "start" (settings, connections, socket buffers), "intervals" (per stream and summed), "end" (per stream
 * sender/receiver, sum_sent, sum_received, cpu_utilization_percent), and what iperf3 has no field for:
 * "end.kttcp4j", one object per end, and "end.kttcp4j_run", the run's own figures.
 *
 * <p>The records' components are the fields in the order they are written. A figure that was not measured is
 * written as null (the components without an {@code @JsonInclude}); a field that does not apply (a kernel that
 * lacks a TCP_INFO field, the receiver's sum in a sender's file, iperf3's fields in kttcp4j's files) is left
 * out ({@code NON_NULL}). Fields the records do not know are ignored when reading, so newer writers and iperf3
 * stay readable.
 *
 * @param intervals null only in --json-stream's "end" event, whose intervals went as events of their own
 * @param error iperf3's: a run that failed before it had a result (kttcp4j writes a {@link Series} instead)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Document(Start start, @JsonInclude(Include.NON_NULL) List<Interval> intervals, End end,
        @JsonInclude(Include.NON_NULL) String error) {

    /** Views of the start object: {@link Settings} leaves out what is known only once a run has connected. */
    public interface Views {
        /** The --json-stream "start" event: before any connection. */
        interface Settings {}

        /** Everything (the default, with no view). */
        interface Ran extends Settings {}
    }

    /**
     * "start".
     *
     * @param connectingTo iperf3's client: the server it connected to
     * @param acceptedConnection iperf3's server: the client it accepted
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Start(String version, @JsonProperty("system_info") String systemInfo, String mode, String kernel,
            @JsonView(Views.Ran.class) @JsonInclude(Include.NON_NULL) List<Connected> connected,
            @JsonProperty("test_start") TestStart testStart,
            @JsonView(Views.Ran.class) @JsonInclude(Include.NON_NULL) @JsonProperty("sock_bufsize") Integer sockBufsize,
            @JsonView(Views.Ran.class) @JsonProperty("sndbuf_actual") Integer sndbufActual,
            @JsonView(Views.Ran.class) @JsonProperty("rcvbuf_actual") Integer rcvbufActual,
            @JsonView(Views.Ran.class) @JsonInclude(Include.NON_NULL) Timestamp timestamp,
            @JsonView(Views.Ran.class) @JsonInclude(Include.NON_NULL) @JsonProperty("cpu_affinity")
                    List<Affinity> cpuAffinity,
            @JsonInclude(Include.NON_NULL) @JsonProperty("connecting_to") Peer connectingTo,
            @JsonInclude(Include.NON_NULL) @JsonProperty("accepted_connection") Peer acceptedConnection,
            @JsonView(Views.Ran.class) @JsonInclude(Include.NON_NULL) @JsonProperty("interface")
                    java.util.Map<String, Interface> iface) {}

    /**
     * "start.interface", one per end this process played, keyed "sender" and "receiver": the interface that held
     * the end's local address (its first stream's) and what its kernel said of it; a field it did not say is null,
     * and notes say why (docs/nic.md).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interface(String name, String driver, boolean loopback,
            @JsonProperty("speed_bits_per_second") Long speedBitsPerSecond, Integer mtu,
            @JsonInclude(Include.NON_NULL) String media,
            @JsonProperty("offloads_enabled") List<String> offloadsEnabled,
            @JsonInclude(Include.NON_NULL) @JsonProperty("offloads_available") List<String> offloadsAvailable,
            @JsonInclude(Include.NON_EMPTY) List<String> notes) {}

    /** iperf3's connecting_to and accepted_connection. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Peer(String host, int port) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Connected(int socket, @JsonProperty("remote_host") String remoteHost,
            @JsonProperty("remote_port") int remotePort) {}

    /**
     * "start.test_start". bytes: 0 for a timed run (iperf3's), Long.MAX_VALUE for a receiver's "until the
     * sender closes"; duration and omit in seconds; reverse and bidir 0 or 1, as iperf3 writes them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TestStart(String protocol, @JsonProperty("num_streams") int numStreams, int blksize, long bytes,
            double duration, double omit, int reverse, int bidir,
            @JsonProperty("sock_bufsize") int sockBufsize, String engine,
            @JsonProperty("receiver_engine") String receiverEngine) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timestamp(long timesecs, String time) {}

    /** -A: where an end was pinned, and where it ran when its transfer ended (where the host says). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Affinity(int socket, String role, int cpu,
            @JsonInclude(Include.NON_NULL) @JsonProperty("ran_on") Integer ranOn) {}

    /**
     * One interval: its streams, "sum" (with --bidir the forward direction's) and with --bidir
     * "sum_bidir_reverse", as iperf3 names them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interval(List<IntervalSum> streams, IntervalSum sum,
            @JsonInclude(Include.NON_NULL) @JsonProperty("sum_bidir_reverse") IntervalSum sumBidirReverse) {}

    /**
     * One stream's interval (socket from 1) or a sum (no socket): bytes and rate, and the metered end's TCP_INFO
     * in the interval, each left out where the kernel gives none; sender: whether that end sends (absent in
     * older files: read as a sender).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IntervalSum(@JsonInclude(Include.NON_NULL) Integer socket, double start, double end,
            double seconds, long bytes, @JsonProperty("bits_per_second") Double bitsPerSecond,
            @JsonInclude(Include.NON_NULL) Long retransmits,
            @JsonInclude(Include.NON_NULL) @JsonProperty("snd_cwnd") Long sndCwnd,
            @JsonInclude(Include.NON_NULL) Long rtt,
            @JsonInclude(Include.NON_NULL) Long rttvar,
            @JsonInclude(Include.NON_NULL) @JsonProperty("rcv_rtt") Long rcvRtt,
            @JsonInclude(Include.NON_NULL) @JsonProperty("rcv_ooopack") Long rcvOutOfOrder,
            boolean omitted, @JsonInclude(Include.NON_NULL) Boolean sender) {

        /** A stream or sum of the sending end: "sender" true, or absent (older writers). */
        public boolean sending() {
            return sender == null || sender;
        }
    }

    /**
     * "end". The sums per direction as iperf3 names them; cpu_utilization_percent; the congestion control each
     * role's connections ran; kttcp4j's own "kttcp4j" (one per end) and "kttcp4j_run" (the run's figures).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record End(List<EndStream> streams,
            @JsonInclude(Include.NON_NULL) @JsonProperty("sum_sent") EndSum sumSent,
            @JsonInclude(Include.NON_NULL) @JsonProperty("sum_received") EndSum sumReceived,
            @JsonInclude(Include.NON_NULL) @JsonProperty("sum_sent_bidir_reverse") EndSum sumSentBidirReverse,
            @JsonInclude(Include.NON_NULL) @JsonProperty("sum_received_bidir_reverse") EndSum sumReceivedBidirReverse,
            @JsonProperty("cpu_utilization_percent") Cpu cpuUtilizationPercent,
            @JsonInclude(Include.NON_NULL) @JsonProperty("sender_tcp_congestion") String senderTcpCongestion,
            @JsonInclude(Include.NON_NULL) @JsonProperty("receiver_tcp_congestion") String receiverTcpCongestion,
            @JsonInclude(Include.NON_NULL) @JsonProperty("kttcp4j") List<KttcpEnd> kttcp4j,
            @JsonInclude(Include.NON_NULL) @JsonProperty("kttcp4j_run") RunFigures kttcp4jRun) {

        /** The headline: what the receiver got, else what was sent (a sender's file); null when neither. */
        public EndSum headline() {
            return sumReceived != null ? sumReceived : sumSent;
        }
    }

    /** The ends of one stream this process played. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndStream(@JsonInclude(Include.NON_NULL) EndSum sender,
            @JsonInclude(Include.NON_NULL) EndSum receiver) {}

    /**
     * One stream's end (socket from 1) or a sum over the run: a sender's TCP_INFO under iperf3's names (the
     * last snd_cwnd, rtt and rttvar, and iperf3's max_snd_cwnd, max_rtt, min_rtt, mean_rtt over the intervals).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndSum(@JsonInclude(Include.NON_NULL) Integer socket, int start, double end, double seconds,
            long bytes, @JsonProperty("bits_per_second") Double bitsPerSecond,
            @JsonInclude(Include.NON_NULL) Long retransmits,
            @JsonInclude(Include.NON_NULL) @JsonProperty("snd_cwnd") Long sndCwnd,
            @JsonInclude(Include.NON_NULL) Long rtt,
            @JsonInclude(Include.NON_NULL) Long rttvar,
            @JsonInclude(Include.NON_NULL) @JsonProperty("max_snd_cwnd") Long maxSndCwnd,
            @JsonInclude(Include.NON_NULL) @JsonProperty("max_rtt") Long maxRtt,
            @JsonInclude(Include.NON_NULL) @JsonProperty("min_rtt") Long minRtt,
            @JsonInclude(Include.NON_NULL) @JsonProperty("mean_rtt") Long meanRtt,
            @JsonInclude(Include.NON_NULL) Boolean sender) {

        /** A sum without TCP_INFO figures. */
        public EndSum(Integer socket, double seconds, long bytes, Double bitsPerSecond, Long retransmits,
                boolean sender) {
            this(socket, 0, seconds, seconds, bytes, bitsPerSecond, retransmits, null, null, null, null, null, null,
                    null, sender);
        }
    }

    /**
     * end.cpu_utilization_percent: percent of the run's wall time (of one CPU). kttcp4j: host_* is this
     * process's (loopback in two processes: both processes'). iperf3: host_* is the process that wrote the file
     * (the client's in a client's file, the server's in a server's), remote_* the other one's.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cpu(@JsonProperty("host_total") Double hostTotal, @JsonProperty("host_user") Double hostUser,
            @JsonProperty("host_system") Double hostSystem,
            @JsonInclude(Include.NON_NULL) @JsonProperty("remote_total") Double remoteTotal,
            @JsonInclude(Include.NON_NULL) @JsonProperty("remote_user") Double remoteUser,
            @JsonInclude(Include.NON_NULL) @JsonProperty("remote_system") Double remoteSystem) {

        public Cpu(Double hostTotal, Double hostUser, Double hostSystem) {
            this(hostTotal, hostUser, hostSystem, null, null, null);
        }
    }

    /**
     * end.kttcp4j[]: one end of one stream with its own figures: the CPU of its process during this end's
     * transfer; cpu_seconds_per_gb null when not measured, or when the process moved other streams' bytes too
     * (several streams: the process's CPU is not one stream's).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KttcpEnd(String role, int socket, String engine,
            @JsonProperty("engine_description") String engineDescription, String clock,
            @JsonProperty("requested_bytes") long requestedBytes, long bytes, double seconds,
            @JsonProperty("bits_per_second") Double bitsPerSecond,
            @JsonProperty("cpu_user_seconds") double cpuUserSeconds,
            @JsonProperty("cpu_system_seconds") double cpuSystemSeconds,
            @JsonProperty("cpu_seconds_per_gb") Double cpuSecondsPerGb, long calls,
            @JsonProperty("sndbuf_actual") int sndbufActual, @JsonProperty("rcvbuf_actual") int rcvbufActual,
            @JsonProperty("remote_host") String remoteHost, @JsonProperty("remote_port") int remotePort,
            boolean partial, String error, String stopped,
            @JsonInclude(Include.NON_NULL) @JsonProperty("tcp_info") TcpInfo tcpInfo) {}

    /** The connection's last TCP_INFO, the fields the kernel has: snd_cwnd in bytes, rtt and rttvar in us. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TcpInfo(@JsonInclude(Include.NON_NULL) Long retransmits,
            @JsonInclude(Include.NON_NULL) @JsonProperty("snd_cwnd") Long sndCwnd,
            @JsonInclude(Include.NON_NULL) @JsonProperty("snd_mss") Long sndMss,
            @JsonInclude(Include.NON_NULL) Long rtt,
            @JsonInclude(Include.NON_NULL) Long rttvar,
            @JsonInclude(Include.NON_NULL) @JsonProperty("rcv_rtt") Long rcvRtt,
            @JsonInclude(Include.NON_NULL) @JsonProperty("rcv_ooopack") Long rcvOutOfOrder) {}

    /**
     * end.kttcp4j_run: the run's own figures, those --expect-*, compare and report judge it by: the headline's
     * rate, and the CPU of every process of the run (cpu_covers says which; loopback in two processes: both,
     * processes 2 and the receiving child's PID) over the run's wall time.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunFigures(@JsonProperty("bits_per_second") Double bitsPerSecond,
            @JsonProperty("cpu_seconds_per_gb") Double cpuSecondsPerGb, @JsonProperty("cpu_covers") String cpuCovers,
            @JsonInclude(Include.NON_NULL) Integer processes,
            @JsonInclude(Include.NON_NULL) @JsonProperty("receiver_pid") Long receiverPid,
            @JsonProperty("cpu_user_seconds") double cpuUserSeconds,
            @JsonProperty("cpu_system_seconds") double cpuSystemSeconds,
            @JsonProperty("wall_seconds") double wallSeconds, boolean failed, String stopped,
            @JsonInclude(Include.NON_NULL) Line line,
            @JsonInclude(Include.NON_NULL) @JsonProperty("line_none") String lineNone) {

        public RunFigures(Double bitsPerSecond, Double cpuSecondsPerGb, String cpuCovers, Integer processes,
                Long receiverPid, double cpuUserSeconds, double cpuSystemSeconds, double wallSeconds, boolean failed,
                String stopped) {
            this(bitsPerSecond, cpuSecondsPerGb, cpuCovers, processes, receiverPid, cpuUserSeconds, cpuSystemSeconds,
                    wallSeconds, failed, stopped, null, null);
        }
    }

    /**
     * end.kttcp4j_run.line: the TCP goodput the link can carry (docs/nic.md) and the run's headline as a percent of
     * it; source "interface" (the kernel's speed) or "--line-rate"; timestamps as TCP_INFO said (null: unsaid).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(@JsonProperty("bits_per_second") double bitsPerSecond, Double percent,
            @JsonProperty("speed_bits_per_second") long speedBitsPerSecond, int mtu, String framing, int payload,
            @JsonProperty("wire_bytes") int wireBytes, @JsonInclude(Include.NON_NULL) Boolean timestamps,
            String source) {}

    /**
     * A series (--repeat, a socket-buffer sweep) as one document: its runs, the statistics per socket-buffer
     * size, and how the whole thing ended early if it did (a signal, an error; with no runs, a run that never
     * got going).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Series(List<Document> runs, List<SummaryRow> summary, String stopped, String error) {}

    /** One socket-buffer size of a series; a statistic is null when no complete run measured it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SummaryRow(@JsonProperty("sock_bufsize") int sockBufsize,
            @JsonProperty("sndbuf_actual") Integer sndbufActual, @JsonProperty("rcvbuf_actual") Integer rcvbufActual,
            int runs, @JsonProperty("gbits_per_second") Stats gbitsPerSecond,
            @JsonProperty("cpu_seconds_per_gb") Stats cpuSecondsPerGb) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(int n, double min, double median, double max, double stddev) {}
}
