package io.quiesce.service;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map from ids to values, ordered by id, where adding or removing an entry shares all
 * but a logarithmic path with the previous map: a persistent AVL tree, read-only as a
 * {@link java.util.Map}. It holds the sessions of a service ({@link SessionMap}) and the
 * deployment's index from session id to service.
 *
 * @param <V> the values
 */
public final class IdMap<V> extends AbstractMap<String, V> {
    private static final IdMap<?> EMPTY = new IdMap<>(null, 0);

    /*
     * No subtree size in the node (the map keeps its own count): with compressed references a node
     * is then 32 bytes, one per session in each map that holds it.
     */
    private record Node<V>(String key, V value, Node<V> left, Node<V> right, int height) {
        static <V> Node<V> of(String key, V value, Node<V> left, Node<V> right) {
            return new Node<>(key, value, left, right, 1 + Math.max(IdMap.height(left), IdMap.height(right)));
        }
    }

    private final Node<V> root;
    private final int size;

    private IdMap(Node<V> root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    /** A map with no entry. */
    public static <V> IdMap<V> empty() {
        return (IdMap<V>) EMPTY;
    }

    /** This map with the value put under the id (replacing any there). */
    public IdMap<V> with(String id, V value) {
        Objects.requireNonNull(value, "value");
        Insertion<V> insertion = new Insertion<>(id, value);
        Node<V> next = insertion.into(root);
        return new IdMap<>(next, insertion.replaced ? size : size + 1);
    }

    /** This map without the id (itself when the id is not there). */
    public IdMap<V> without(String id) {
        Node<V> next = remove(root, id);
        return next == root ? this : new IdMap<>(next, size - 1);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public V get(Object key) {
        if (!(key instanceof String id)) {
            return null;
        }
        Node<V> n = root;
        while (n != null) {
            int c = id.compareTo(n.key());
            if (c == 0) {
                return n.value();
            }
            n = c < 0 ? n.left() : n.right();
        }
        return null;
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new InOrder();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private final class InOrder implements Iterator<Entry<String, V>> {
        private final Deque<Node<V>> stack = new ArrayDeque<>();

        InOrder() {
            descend(root);
        }

        private void descend(Node<V> n) {
            for (Node<V> x = n; x != null; x = x.left()) {
                stack.push(x);
            }
        }

        @Override
        public boolean hasNext() {
            return !stack.isEmpty();
        }

        @Override
        public Entry<String, V> next() {
            if (stack.isEmpty()) {
                throw new NoSuchElementException();
            }
            Node<V> n = stack.pop();
            descend(n.right());
            return new SimpleImmutableEntry<>(n.key(), n.value());
        }
    }

    private static int height(Node<?> n) {
        return n == null ? 0 : n.height();
    }

    /** One put, in one walk down the tree: it notes whether the id was there (then the size stays). */
    private static final class Insertion<V> {
        private final String key;
        private final V value;
        private boolean replaced;

        Insertion(String key, V value) {
            this.key = key;
            this.value = value;
        }

        Node<V> into(Node<V> n) {
            if (n == null) {
                return Node.of(key, value, null, null);
            }
            int c = key.compareTo(n.key());
            if (c == 0) {
                replaced = true;
                return Node.of(key, value, n.left(), n.right());
            }
            return c < 0 ? balance(n.key(), n.value(), into(n.left()), n.right())
                    : balance(n.key(), n.value(), n.left(), into(n.right()));
        }
    }

    /** The tree without the key, in one walk down it; the very same tree when the key is not there. */
    private static <V> Node<V> remove(Node<V> n, String key) {
        if (n == null) {
            return null;
        }
        int c = key.compareTo(n.key());
        if (c < 0) {
            Node<V> left = remove(n.left(), key);
            return left == n.left() ? n : balance(n.key(), n.value(), left, n.right());
        } else if (c > 0) {
            Node<V> right = remove(n.right(), key);
            return right == n.right() ? n : balance(n.key(), n.value(), n.left(), right);
        }
        if (n.left() == null) {
            return n.right();
        } else if (n.right() == null) {
            return n.left();
        }
        Node<V> min = n.right();
        while (min.left() != null) {
            min = min.left();
        }
        return balance(min.key(), min.value(), n.left(), remove(n.right(), min.key()));
    }

    private static <V> Node<V> balance(String key, V value, Node<V> left, Node<V> right) {
        int diff = height(left) - height(right);
        if (diff > 1) {
            if (height(left.left()) < height(left.right())) {
                left = rotateLeft(left);
            }
            return rotateRight(key, value, left, right);
        } else if (diff < -1) {
            if (height(right.right()) < height(right.left())) {
                right = rotateRight(right);
            }
            return rotateLeft(key, value, left, right);
        }
        return Node.of(key, value, left, right);
    }

    private static <V> Node<V> rotateRight(String key, V value, Node<V> left, Node<V> right) {
        return Node.of(left.key(), left.value(), left.left(), Node.of(key, value, left.right(), right));
    }

    private static <V> Node<V> rotateLeft(String key, V value, Node<V> left, Node<V> right) {
        return Node.of(right.key(), right.value(), Node.of(key, value, left, right.left()), right.right());
    }

    private static <V> Node<V> rotateRight(Node<V> n) {
        return rotateRight(n.key(), n.value(), n.left(), n.right());
    }

    private static <V> Node<V> rotateLeft(Node<V> n) {
        return rotateLeft(n.key(), n.value(), n.left(), n.right());
    }
}
