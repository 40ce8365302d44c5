package io.gridai.ingestion.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.Connection;
import org.openmuc.j60870.ConnectionEventListener;
import org.openmuc.j60870.Server;
import org.openmuc.j60870.ServerEventListener;

/**
 * A real IEC 104 outstation (j60870's server) on a free loopback port: answers a general interrogation with the ASDUs
 * it was given (confirmation, values, termination) and sends spontaneous ASDUs to its connected clients on request.
 * {@link #stop()} then {@link #start()} is an outstation restart on the same port.
 */
final class Outstation implements AutoCloseable {

    private final int port;
    private final List<ASdu> interrogationAnswer;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private Server server;

    private Outstation(int port, List<ASdu> interrogationAnswer) {
        this.port = port;
        this.interrogationAnswer = List.copyOf(interrogationAnswer);
    }

    static Outstation start(List<ASdu> interrogationAnswer) {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Outstation outstation = new Outstation(port, interrogationAnswer);
        outstation.start();
        return outstation;
    }

    int port() {
        return port;
    }

    /** Clients with data transfer started and their connection still open. */
    int clients() {
        return (int) connections.stream().filter(c -> !c.isClosed()).count();
    }

    synchronized void start() {
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
    void send(ASdu asdu) {
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

    /** Stops listening and closes every connection. */
    synchronized void stop() {
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
