package io.quiesce.cli.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A long-lived connection through the load balancer: it knows which server greeted it. */
final class Client implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;
    private final String server;

    Client(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        server = in.readLine();
        if (server == null) {
            throw new IOException("the load balancer closed the connection before any server greeted it");
        }
    }

    /** The server this connection landed on. */
    String server() {
        return server;
    }

    /** Sends a line and gives the server's echo. */
    String say(String line) throws IOException {
        out.println(line);
        return in.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
