package org.kttcp4j.bench;

import java.io.IOException;
import org.kttcp4j.engine.Budget;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.Progress;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;

/** One end of a connection, run with an engine: the sender sends and shuts its output; the receiver drains. */
public final class Sides {
    private Sides() {}

    public static SideResult send(Engine engine, Connection c, Budget budget, int sockbuf, Progress progress)
            throws IOException {
        if (sockbuf > 0) {
            c.setSendBufferSize(sockbuf);
        }
        return run(Role.SENDER, engine, c, () -> {
            Transfer t = engine.send(c, budget, progress);
            c.shutdownOutput();
            return t;
        }, budget.bytes());
    }

    public static SideResult receive(Engine engine, Connection c, Budget budget, int sockbuf, Progress progress)
            throws IOException {
        return receive(engine, c, budget, sockbuf, 0, progress);
    }

    /** With a receive low-water mark (SO_RCVLOWAT) when rcvlowat is not 0. */
    public static SideResult receive(Engine engine, Connection c, Budget budget, int sockbuf, int rcvlowat,
            Progress progress) throws IOException {
        if (sockbuf > 0) {
            c.setReceiveBufferSize(sockbuf);
        }
        if (rcvlowat > 0) {
            c.setReceiveLowWater(rcvlowat);
        }
        return run(Role.RECEIVER, engine, c, () -> engine.receive(c, budget, progress), budget.bytes());
    }

    private interface Move {
        Transfer run() throws IOException;
    }

    private static SideResult run(Role role, Engine engine, Connection c, Move move, long requested)
            throws IOException {
        int snd = c.sendBufferSize();
        int rcv = c.receiveBufferSize();
        Transfer t;
        String error = null;
        try (AutoCloseable hook = Interrupts.onInterrupt(c::abort)) {
            t = move.run();
        } catch (PartialTransferException e) {
            t = e.partial();
            error = e.getMessage();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new SideResult(role, engine.name(), engine.describe(), t, snd, rcv, c.peer(), error);
    }
}
