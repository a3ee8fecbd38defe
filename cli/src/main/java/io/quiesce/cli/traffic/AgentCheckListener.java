package io.quiesce.cli.traffic;

import io.quiesce.catalog.Catalog;
import io.quiesce.rules.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * HAProxy's agent check on {@code --agent-listen}: HAProxy connects, sends one line naming a
 * server and service ({@code agent-send "fe01 RTCSRV\n"}), reads one word back ({@code ready up},
 * {@code drain}, {@code maint}, {@code down}) and the connection is closed.
 *
 * <p>One selector thread serves every connection without blocking: the state is asked for
 * asynchronously and the answer written when it comes. A request line is at most
 * {@value #MAX_LINE} bytes, a connection that sends no full line within {@link #IDLE} is closed,
 * and at most {@value #MAX_CONNECTIONS} are open at once, so a slow or hostile client costs a
 * buffer, never a thread. When the state cannot be read the connection is closed unanswered,
 * which HAProxy treats as a failed check and so keeps the server as it was.
 */
public final class AgentCheckListener implements AutoCloseable {
    static final int MAX_LINE = 256;
    static final int MAX_CONNECTIONS = 512;
    static final Duration IDLE = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(AgentCheckListener.class);

    private final ServerSocketChannel server;
    private final Selector selector;
    /** The state to answer from, given the server a request names (its first word). */
    private final Function<String, CompletionStage<Deployment>> state;
    private final AgentAnswer answers;
    private final Thread loop;
    private volatile boolean open = true;

    /** One connection's partial request. */
    private static final class Request {
        final ByteBuffer line = ByteBuffer.allocate(MAX_LINE);
        final long since = System.nanoTime();
        boolean asked;
    }

    private AgentCheckListener(ServerSocketChannel server, Selector selector,
                               Function<String, CompletionStage<Deployment>> state, Catalog catalog) {
        this.server = server;
        this.selector = selector;
        this.state = state;
        this.answers = new AgentAnswer(catalog);
        this.loop = new Thread(this::run, "quiesce-agent-check");
        this.loop.setDaemon(true);
    }

    /** Listens on {@code address} (port 0: any free port) and answers from {@code state}. */
    public static AgentCheckListener start(InetSocketAddress address, Supplier<CompletionStage<Deployment>> state,
                                           Catalog catalog) throws IOException {
        return start(address, server -> state.get(), catalog);
    }

    /**
     * Listens on {@code address} and answers each request from the state {@code stateOf} gives for the
     * server it names (cluster mode: only that server's pool is asked).
     */
    public static AgentCheckListener start(InetSocketAddress address,
                                           Function<String, CompletionStage<Deployment>> stateOf, Catalog catalog)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = Selector.open();
        try {
            server.bind(address, 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        AgentCheckListener listener = new AgentCheckListener(server, selector, stateOf, catalog);
        listener.loop.start();
        return listener;
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the agent check listener is closed", e);
        }
    }

    private void run() {
        while (open) {
            try {
                selector.select(250);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
                closeIdle();
            } catch (IOException | RuntimeException e) {
                if (open) {
                    LOG.warn("agent check listener: {}", e.toString());
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return;
        }
        if (selector.keys().size() > MAX_CONNECTIONS) {
            client.close();
            return;
        }
        client.configureBlocking(false);
        client.register(selector, SelectionKey.OP_READ, new Request());
    }

    private void read(SelectionKey key) {
        SocketChannel client = (SocketChannel) key.channel();
        Request request = (Request) key.attachment();
        try {
            int n = client.read(request.line);
            int end = lineEnd(request.line);
            if (end < 0 && n >= 0 && request.line.hasRemaining()) {
                return;
            }
            // A full line, a line too long, or the client finished sending: answer what came.
            key.interestOps(0);
            request.asked = true;
            String text = new String(request.line.array(), 0, end < 0 ? request.line.position() : end,
                    StandardCharsets.US_ASCII);
            state.apply(text.strip().split("\\s+", 2)[0]).whenComplete((d, failure) -> {
                if (failure != null) {
                    LOG.warn("agent check for \"{}\" left unanswered: {}", text.strip(), failure.toString());
                    close(client);
                    return;
                }
                reply(client, answers.answer(d, text));
            });
        } catch (IOException e) {
            close(client);
        }
    }

    private static int lineEnd(ByteBuffer buffer) {
        for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void reply(SocketChannel client, AgentWord word) {
        try {
            // A few bytes on a fresh connection: the socket buffer takes them in one write.
            client.write(ByteBuffer.wrap(word.line().getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            LOG.debug("agent check client left before its answer", e);
        } finally {
            close(client);
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Request r && !r.asked && now - r.since > IDLE.toNanos()) {
                close((SocketChannel) key.channel());
            }
        }
    }

    private static void close(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing an agent check connection", e);
        }
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            loop.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the agent check listener", e);
        }
    }
}
