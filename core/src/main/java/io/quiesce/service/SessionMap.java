package io.quiesce.service;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The active sessions of a service: an immutable map, ordered by session id, where adding or
 * removing a session shares all but a logarithmic path with the previous map. A service with
 * thousands of sessions then changes state in microseconds instead of copying them all.
 * (A persistent AVL tree; read-only as a {@link Map}.)
 */
public final class SessionMap extends AbstractMap<String, Session> {
    private static final SessionMap EMPTY = new SessionMap(null);

    private record Node(Session session, Node left, Node right, int height, int size) {
        static Node of(Session s, Node left, Node right) {
            return new Node(s, left, right, 1 + Math.max(SessionMap.height(left), SessionMap.height(right)),
                    1 + SessionMap.size(left) + SessionMap.size(right));
        }
    }

    private final Node root;

    private SessionMap(Node root) {
        this.root = root;
    }

    public static SessionMap empty() {
        return EMPTY;
    }

    public static SessionMap copyOf(Map<String, Session> sessions) {
        if (sessions instanceof SessionMap m) {
            return m;
        }
        SessionMap result = EMPTY;
        for (Session s : sessions.values()) {
            result = result.with(s);
        }
        return result;
    }

    /** This map with the session added (or replaced, by id). */
    public SessionMap with(Session session) {
        return new SessionMap(insert(root, session));
    }

    /** This map without the session of that id. */
    public SessionMap without(String id) {
        return containsKey(id) ? new SessionMap(remove(root, id)) : this;
    }

    @Override
    public int size() {
        return size(root);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Session get(Object key) {
        if (!(key instanceof String id)) {
            return null;
        }
        Node n = root;
        while (n != null) {
            int c = id.compareTo(n.session().id());
            if (c == 0) {
                return n.session();
            }
            n = c < 0 ? n.left() : n.right();
        }
        return null;
    }

    @Override
    public Set<Entry<String, Session>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Session>> iterator() {
                return new InOrder();
            }

            @Override
            public int size() {
                return SessionMap.this.size();
            }
        };
    }

    private final class InOrder implements Iterator<Entry<String, Session>> {
        private final Deque<Node> stack = new ArrayDeque<>();

        InOrder() {
            descend(root);
        }

        private void descend(Node n) {
            for (Node x = n; x != null; x = x.left()) {
                stack.push(x);
            }
        }

        @Override
        public boolean hasNext() {
            return !stack.isEmpty();
        }

        @Override
        public Entry<String, Session> next() {
            if (stack.isEmpty()) {
                throw new NoSuchElementException();
            }
            Node n = stack.pop();
            descend(n.right());
            return new SimpleImmutableEntry<>(n.session().id(), n.session());
        }
    }

    private static int height(Node n) {
        return n == null ? 0 : n.height();
    }

    private static int size(Node n) {
        return n == null ? 0 : n.size();
    }

    private static Node insert(Node n, Session s) {
        if (n == null) {
            return Node.of(s, null, null);
        }
        int c = s.id().compareTo(n.session().id());
        if (c == 0) {
            return Node.of(s, n.left(), n.right());
        }
        return c < 0 ? balance(n.session(), insert(n.left(), s), n.right())
                : balance(n.session(), n.left(), insert(n.right(), s));
    }

    private static Node remove(Node n, String id) {
        int c = id.compareTo(n.session().id());
        if (c < 0) {
            return balance(n.session(), remove(n.left(), id), n.right());
        } else if (c > 0) {
            return balance(n.session(), n.left(), remove(n.right(), id));
        }
        if (n.left() == null) {
            return n.right();
        } else if (n.right() == null) {
            return n.left();
        }
        Node min = n.right();
        while (min.left() != null) {
            min = min.left();
        }
        return balance(min.session(), n.left(), remove(n.right(), min.session().id()));
    }

    private static Node balance(Session s, Node left, Node right) {
        int diff = height(left) - height(right);
        if (diff > 1) {
            if (height(left.left()) < height(left.right())) {
                left = rotateLeft(left);
            }
            return rotateRight(s, left, right);
        } else if (diff < -1) {
            if (height(right.right()) < height(right.left())) {
                right = rotateRight(right);
            }
            return rotateLeft(s, left, right);
        }
        return Node.of(s, left, right);
    }

    private static Node rotateRight(Session s, Node left, Node right) {
        return Node.of(left.session(), left.left(), Node.of(s, left.right(), right));
    }

    private static Node rotateLeft(Session s, Node left, Node right) {
        return Node.of(right.session(), Node.of(s, left, right.left()), right.right());
    }

    private static Node rotateRight(Node n) {
        return rotateRight(n.session(), n.left(), n.right());
    }

    private static Node rotateLeft(Node n) {
        return rotateLeft(n.session(), n.left(), n.right());
    }
}
