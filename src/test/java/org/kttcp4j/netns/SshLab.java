package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kttcp4j.testing.CliProcess;

/**
 * Hosts for Ansible on one Linux machine: N network namespaces on one bridge (the bridge in a namespace of its
 * own, "sw"), each running Debian's sshd with a host key and an authorized key this lab makes, and a controller
 * namespace ("c") from which ansible-playbook reaches them over ssh. Addresses in RFC 2544's benchmarking range,
 * as ci/netns.sh's: hosts 198.18.8.1..N, the controller 198.18.8.100; the machine's own namespace gets nothing.
 * {@link #close()} stops every process the lab started by its PID (the sshd's; then whatever the runs left in
 * the namespaces, ssh's control masters and sshd's sessions, by the PIDs `ip netns pids` gives) and removes the
 * namespaces.
 */
final class SshLab implements AutoCloseable {
    static final String NET = "198.18.8.";
    final String prefix = "k4jh" + ProcessHandle.current().pid();
    final Path dir;
    final List<String> hosts = new ArrayList<>();
    private final Map<String, CliProcess> sshd = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>();

    /** Why the lab cannot exist here (no namespaces, no sshd or ansible-playbook), or null. */
    static String unavailable() {
        String why = NetnsLab.unavailable();
        if (why != null) {
            return why;
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd")) || CliProcess.which("ssh-keygen") == null) {
            return "sshd or ssh-keygen not found: apt-get install openssh-server";
        }
        if (CliProcess.which("ansible-playbook") == null) {
            return "ansible-playbook not found: apt-get install ansible-core";
        }
        return null;
    }

    SshLab(Path dir, int n) {
        this.dir = dir;
        try {
            ok(NetnsLab.exec(20, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key().toString()), Map.of()));
            // sshd's privilege separation directory, which its service unit makes at boot (Debian's tmpfiles)
            Files.createDirectories(Path.of("/run/sshd"));
            add("sw");
            ip("-n", ns("sw"), "link", "add", "br0", "type", "bridge");
            ip("-n", ns("sw"), "link", "set", "br0", "up");
            attach("c", NET + "100");
            for (int i = 1; i <= n; i++) {
                String h = "h" + i;
                attach(h, address(h));
                hosts.add(h);
                startSshd(h);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    String ns(String name) {
        return prefix + "-" + name;
    }

    String address(String host) {
        return NET + host.substring(1);
    }

    Path key() {
        return dir.resolve("id");
    }

    /** An inventory of the hosts in group kttcp4j, each with its own kttcp4j_dest (they share one file system). */
    Path inventory() throws IOException {
        StringBuilder sb = new StringBuilder("[kttcp4j]\n");
        for (String h : hosts) {
            sb.append(h).append(" ansible_host=").append(address(h)).append(" kttcp4j_dest=").append(dir.resolve(h).resolve("opt"))
                    .append('\n');
        }
        sb.append("[kttcp4j:vars]\nansible_user=root\nansible_ssh_private_key_file=").append(key())
                .append("\nansible_python_interpreter=/usr/bin/python3\n");
        return Files.writeString(dir.resolve("inventory.ini"), sb.toString());
    }

    private void add(String name) {
        ip("netns", "add", ns(name));
        namespaces.add(ns(name));
        ip("-n", ns(name), "link", "set", "lo", "up");
    }

    private void attach(String name, String address) {
        add(name);
        ip("link", "add", "eth0", "netns", ns(name), "type", "veth", "peer", "name", "p" + name, "netns", ns("sw"));
        ip("-n", ns("sw"), "link", "set", "p" + name, "master", "br0", "up");
        ip("-n", ns(name), "addr", "add", address + "/24", "dev", "eth0");
        ip("-n", ns(name), "link", "set", "eth0", "up");
    }

    private void startSshd(String h) throws IOException {
        Path d = Files.createDirectories(dir.resolve(h));
        ok(NetnsLab.exec(20, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", d.resolve("hostkey").toString()), Map.of()));
        Path config = Files.writeString(d.resolve("sshd_config"), String.join("\n",
                "ListenAddress " + address(h),
                "HostKey " + d.resolve("hostkey"),
                "PidFile none",
                "AuthorizedKeysFile " + dir.resolve("id.pub"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "StrictModes no",
                "UsePAM no",
                "Subsystem sftp /usr/lib/openssh/sftp-server", ""));
        // -D: in the foreground, so that the PID is sshd's own; -e: its log on stderr
        CliProcess p = CliProcess.start(List.of("ip", "netns", "exec", ns(h), "/usr/sbin/sshd", "-D", "-e", "-f",
                config.toString()), null);
        sshd.put(h, p);
        p.awaitOutput("Server listening on " + address(h), 30);
    }

    /** Stops host h's sshd and every session it has (by PID): the host can no longer be reached. */
    void stopSshd(String h) {
        CliProcess p = sshd.remove(h);
        if (p != null) {
            p.close();
        }
        stopProcessesIn(ns(h));
    }

    /** ssh's control masters (ControlPersist) and anything else left in the controller's namespace. */
    void stopControllerProcesses() {
        stopProcessesIn(ns("c"));
    }

    /** The processes `ip netns pids` lists in ns, each by its PID: SIGTERM, then SIGKILL after 2 s. */
    static void stopProcessesIn(String ns) {
        for (String pid : NetnsLab.exec(10, List.of("ip", "netns", "pids", ns), Map.of()).out().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ph -> {
                    ph.destroy();
                    try {
                        ph.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        ph.destroyForcibly();
                    }
                });
            }
        }
    }

    /** ansible-playbook in the controller's namespace (bounded), with its own ssh control directory. */
    NetnsLab.Result playbook(int seconds, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns("c"), "ansible-playbook"));
        cmd.addAll(args);
        Map<String, String> env = Map.of(
                "ANSIBLE_CONFIG", Path.of("ansible", "ansible.cfg").toAbsolutePath().toString(),
                "ANSIBLE_HOST_KEY_CHECKING", "False",
                "ANSIBLE_SSH_CONTROL_PATH_DIR", dir.resolve("cp").toString(),
                "ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString(),
                "ANSIBLE_HOME", dir.resolve("ansible-home").toString(),
                "ANSIBLE_NOCOLOR", "1");
        return NetnsLab.exec(seconds, cmd, env);
    }

    @Override
    public void close() {
        for (CliProcess p : sshd.values()) {
            p.close();
        }
        sshd.clear();
        for (String ns : namespaces) {
            stopProcessesIn(ns);
        }
        for (String ns : namespaces) {
            NetnsLab.exec(10, List.of("ip", "netns", "del", ns), Map.of());
        }
        namespaces.clear();
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        ok(NetnsLab.exec(10, cmd, Map.of()));
    }

    private static void ok(NetnsLab.Result r) {
        assertEquals(0, r.status(), r.toString());
    }
}
