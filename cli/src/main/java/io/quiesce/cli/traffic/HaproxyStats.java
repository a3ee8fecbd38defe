package io.quiesce.cli.traffic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HAProxy's stats socket: {@code show stat} answers one CSV line per proxy and server; its
 * {@code scur} column is the sessions a server has open now. Only server lines are kept (not
 * the FRONTEND and BACKEND totals).
 */
final class HaproxyStats {
    /** The open sessions of one server of one backend, as HAProxy counts them. */
    record ServerSessions(String backend, String server, int sessions) {
    }

    /** A reply larger than this is not a stats table: the read stops rather than fill memory. */
    static final int MAX_REPLY = 8 * 1024 * 1024;

    private HaproxyStats() {
    }

    /** {@code HOST:PORT} (HAProxy's {@code stats socket ipv4@HOST:PORT}) or the path of a UNIX socket. */
    static SocketAddress address(String socket) {
        int colon = socket.lastIndexOf(':');
        if (!socket.contains("/") && colon > 0) {
            try {
                return new InetSocketAddress(socket.substring(0, colon), Integer.parseInt(socket.substring(colon + 1)));
            } catch (IllegalArgumentException e) { // a port that is no number, or out of range
                throw new IllegalArgumentException("--haproxy-stats takes HOST:PORT or the path of a socket, not "
                        + socket + ".", e);
            }
        }
        return UnixDomainSocketAddress.of(Path.of(socket));
    }

    static List<ServerSessions> read(SocketAddress socket) throws IOException {
        try (SocketChannel channel = socket instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            channel.connect(socket);
            channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (reply.size() > MAX_REPLY) {
                    throw new IOException("the stats socket sent more than " + MAX_REPLY + " bytes");
                }
            }
            return parse(reply.toString(StandardCharsets.UTF_8));
        }
    }

    /** Parses a {@code show stat} reply; its header line ({@code # pxname,svname,...}) says where {@code scur} is. */
    static List<ServerSessions> parse(String csv) {
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new IllegalArgumentException("not a show stat reply: it should start with \"# pxname,svname\"");
        }
        List<String> header = Arrays.asList(lines[0].substring(2).split(",", -1));
        int backend = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int scur = header.indexOf("scur");
        if (backend < 0 || server < 0 || scur < 0) {
            throw new IllegalArgumentException("the show stat header lacks pxname, svname or scur");
        }
        List<ServerSessions> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length <= Math.max(scur, Math.max(backend, server)) || f[server].equals("FRONTEND")
                    || f[server].equals("BACKEND") || f[scur].isEmpty()) {
                continue;
            }
            out.add(new ServerSessions(f[backend], f[server], Integer.parseInt(f[scur].strip())));
        }
        return out;
    }
}
