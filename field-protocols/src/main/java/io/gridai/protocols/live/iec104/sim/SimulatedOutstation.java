package io.gridai.protocols.live.iec104.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.Connection;
import org.openmuc.j60870.ConnectionEventListener;
import org.openmuc.j60870.Server;
import org.openmuc.j60870.ServerEventListener;

/**
 * A real IEC 104 outstation (j60870's server) on a loopback port: answers a general interrogation with the ASDUs it is
 * given (confirmation, the values with cause "interrogated by station", termination), and sends spontaneous ASDUs to
 * every connected client on request. Stop and start it again on the same port to test reconnects.
 *
 * <p>For tests and demonstrations (the field feeds' tests in this module, in ingestion and on the running platform):
 * it is j60870's own server, so the client meets a real link layer.
 */
public final class SimulatedOutstation implements AutoCloseable {

    private final int port;
    private final List<ASdu> interrogationAnswer;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger interrogations = new AtomicInteger();
    private Server server;

    private SimulatedOutstation(int port, List<ASdu> interrogationAnswer) {
        this.port = port;
        this.interrogationAnswer = List.copyOf(interrogationAnswer);
    }

    /** Starts on a free loopback port, answering interrogations with {@code interrogationAnswer}. */
    public static SimulatedOutstation start(List<ASdu> interrogationAnswer) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SimulatedOutstation outstation = new SimulatedOutstation(probe.getLocalPort(), interrogationAnswer);
            probe.close();
            outstation.start();
            return outstation;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** General interrogations received so far (over all connections). */
    public int interrogations() {
        return interrogations.get();
    }

    /** Clients with data transfer started. */
    public int clients() {
        return (int) connections.stream().filter(c -> !c.isClosed()).count();
    }

    /** (Re)starts listening on the same port. */
    public synchronized void start() {
        server = Server.builder().setBindAddr(InetAddress.getLoopbackAddress()).setPort(port).build();
        try {
            server.start(new ServerEventListener() {
                @Override
                public void connectionIndication(Connection connection) {
                    try {
                        // The listener first: j60870 confirms STARTDT before waitForStartDT sets its listener, so
                        // an interrogation right behind the STARTDT would find none and be dropped.
                        Answering answering = new Answering(connection);
                        connection.setConnectionListener(answering);
                        connection.waitForStartDT(answering, 5_000);
                        connections.add(connection);
                    } catch (IOException e) {
                        connection.close();
                    }
                }

                @Override
                public void serverStoppedListeningIndication(IOException e) {
                }

                @Override
                public void connectionAttemptFailed(IOException e) {
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test outstation on port " + port, e);
        }
    }

    /** Sends an ASDU to every connected client. */
    public void send(ASdu asdu) {
        for (Connection connection : connections) {
            if (!connection.isClosed()) {
                try {
                    connection.send(asdu);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Stops listening and closes every connection, as an outstation that restarts. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        connections.forEach(Connection::close);
        connections.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private final class Answering implements ConnectionEventListener {

        private final Connection connection;

        Answering(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void newASdu(ASdu asdu) {
            if (asdu.getTypeIdentification() != ASduType.C_IC_NA_1) {
                return;
            }
            try {
                connection.sendConfirmation(asdu);
                for (ASdu answer : interrogationAnswer) {
                    connection.send(answer);
                }
                connection.sendActivationTermination(asdu);
                interrogations.incrementAndGet();
            } catch (IOException e) {
                connection.close();
            }
        }

        @Override
        public void connectionClosed(IOException e) {
        }

        @Override
        public void dataTransferStateChanged(boolean stopped) {
        }
    }
}
