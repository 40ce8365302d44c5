package io.gridai.operator.stream;

import io.gridai.operator.config.OperatorConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bounds what the kernel holds for one connection that does not read ({@code gridai.operator.streams.socket-send-buffer},
 * SO_SNDBUF of the HTTP server's sockets; 0 leaves the OS default and its autotuning, which on Linux lets a stalled
 * socket absorb up to {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB, before the client's stream buffer starts to fill).
 */
@ApplicationScoped
public class SocketSendBuffer implements HttpServerOptionsCustomizer {

    private final OperatorConfig config;

    public SocketSendBuffer(OperatorConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        int bytes = config.streams().socketSendBuffer();
        if (bytes > 0) {
            options.setSendBufferSize(bytes);
        }
    }
}
