package io.quiesce.cli.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small TCP server standing for one front end server: it greets each connection with its name
 * and echoes every line back as {@code NAME: LINE}, until the client leaves. HAProxy's health
 * checks connect and leave at once, which it survives.
 */
final class TinyServer implements AutoCloseable {
    private final String name;
    private final ServerSocket socket;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    TinyServer(String name) throws IOException {
        this.name = name;
        this.socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "tiny-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "tiny-" + name + "-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
            out.println(name);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(name + ": " + line);
            }
        } catch (IOException e) {
            // the client left
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
