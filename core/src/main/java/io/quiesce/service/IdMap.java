package io.quiesce.service;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map from ids to values, ordered by id, where adding or removing an entry shares all
 * but a logarithmic path with the previous map: a persistent B+ tree, read-only as a
 * {@link java.util.Map}. It holds the sessions of a service ({@link SessionMap}), which are
 * listed, snapshotted and interrupted in id order. (The deployment's index from session id to
 * service, never read in order, is a hash trie of the rules.)
 *
 * <p>Why a B+ tree and not a binary one: a binary tree costs one node object per entry (32 bytes
 * with compressed references, in each map that holds the entry), while a leaf here holds up to
 * {@value #MAX} entries in one array, about 10 bytes each. A change copies one leaf and the
 * branches above it, a few hundred bytes, and a lookup reads a few arrays instead of some twenty
 * scattered nodes.
 *
 * @param <V> the values
 */
public final class IdMap<V> extends AbstractMap<String, V> {
    /** Entries of a leaf and children of a branch at most; a node that would hold more splits in two. */
    static final int MAX = 32;
    /**
     * Below this a node (other than the root) takes from or merges with a neighbour. A quarter, not
     * a half: sessions end mostly oldest first, so a map loses ids at one end, and a node evened
     * out to half would fall below a half at the next removal, to be joined and split again.
     */
    private static final int MIN = MAX / 4;

    private static final IdMap<?> EMPTY = new IdMap<>(null, 0);

    /** A leaf or a branch; every leaf is at the same depth. */
    private abstract static sealed class Node permits Leaf, Branch {
        abstract int width();
    }

    /** Entries in id order, ids and values alternating: one array beside the leaf, whatever its width. */
    private static final class Leaf extends Node {
        final Object[] slots;

        Leaf(Object[] slots) {
            this.slots = slots;
        }

        @Override
        int width() {
            return slots.length / 2;
        }

        String key(int i) {
            return (String) slots[2 * i];
        }

        Object value(int i) {
            return slots[2 * i + 1];
        }

        /** The index of the id, or -(insertion point) - 1. */
        int find(String id) {
            int lo = 0;
            int hi = width() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = key(mid).compareTo(id);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }
    }

    /**
     * Children in id order, split by bounds: every id under {@code children[i]} is below
     * {@code bounds[i]}, every id under {@code children[i + 1]} is at or above it. A bound need
     * not be an id that is still there, so removals leave the bounds as they are.
     */
    private static final class Branch extends Node {
        final String[] bounds;
        final Node[] children;

        Branch(String[] bounds, Node[] children) {
            this.bounds = bounds;
            this.children = children;
        }

        @Override
        int width() {
            return children.length;
        }

        /** The child whose range holds the id. */
        int childFor(String id) {
            int lo = 0;
            int hi = bounds.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (bounds[mid].compareTo(id) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        Branch replacing(int i, Node child) {
            Node[] c = children.clone();
            c[i] = child;
            return new Branch(bounds, c);
        }
    }

    /** A node that may be too wide, as one node or, split in the middle, two and the bound between them. */
    private record Parts(Node left, Node right, String bound) {
        static Parts of(Leaf leaf) {
            int width = leaf.width();
            if (width <= MAX) {
                return new Parts(leaf, null, null);
            }
            int half = width / 2;
            Leaf right = new Leaf(Arrays.copyOfRange(leaf.slots, 2 * half, leaf.slots.length));
            return new Parts(new Leaf(Arrays.copyOf(leaf.slots, 2 * half)), right, right.key(0));
        }

        static Parts of(Branch branch) {
            int width = branch.width();
            if (width <= MAX) {
                return new Parts(branch, null, null);
            }
            int half = width / 2;
            return new Parts(new Branch(Arrays.copyOf(branch.bounds, half - 1), Arrays.copyOf(branch.children, half)),
                    new Branch(Arrays.copyOfRange(branch.bounds, half, branch.bounds.length),
                            Arrays.copyOfRange(branch.children, half, width)),
                    branch.bounds[half - 1]);
        }

        boolean split() {
            return right != null;
        }
    }

    private final Node root;
    private final int size;

    private IdMap(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    /** A map with no entry. */
    @SuppressWarnings("unchecked")
    public static <V> IdMap<V> empty() {
        return (IdMap<V>) EMPTY;
    }

    /** This map with the value put under the id (replacing any there). */
    public IdMap<V> with(String id, V value) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
        if (root == null) {
            return new IdMap<>(new Leaf(new Object[] {id, value}), 1);
        }
        Insertion insertion = new Insertion(id, value);
        Parts parts = insertion.into(root);
        Node next = parts.split()
                ? new Branch(new String[] {parts.bound()}, new Node[] {parts.left(), parts.right()}) : parts.left();
        return new IdMap<>(next, insertion.replaced ? size : size + 1);
    }

    /** This map without the id (itself when the id is not there). */
    public IdMap<V> without(String id) {
        if (root == null) {
            return this;
        }
        Node next = remove(root, id);
        if (next == root) {
            return this;
        }
        if (next instanceof Branch b && b.width() == 1) {
            next = b.children[0];
        } else if (next.width() == 0) {
            next = null;
        }
        return new IdMap<>(next, size - 1);
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
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (!(key instanceof String id) || root == null) {
            return null;
        }
        Node n = root;
        while (n instanceof Branch b) {
            n = b.children[b.childFor(id)];
        }
        Leaf leaf = (Leaf) n;
        int i = leaf.find(id);
        return i < 0 ? null : (V) leaf.value(i);
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

    /** The leaves left to right, each entry in turn; a stack of the branches above the current leaf. */
    private final class InOrder implements Iterator<Entry<String, V>> {
        private final Branch[] branches = new Branch[depth()];
        private final int[] at = new int[branches.length];
        private Leaf leaf;
        private int next;

        InOrder() {
            if (root != null) {
                descend(root, 0);
            }
        }

        private int depth() {
            int d = 0;
            for (Node n = root; n instanceof Branch b; n = b.children[0]) {
                d++;
            }
            return d;
        }

        private void descend(Node n, int level) {
            while (n instanceof Branch b) {
                branches[level] = b;
                at[level] = 0;
                n = b.children[0];
                level++;
            }
            leaf = (Leaf) n;
            next = 0;
        }

        @Override
        public boolean hasNext() {
            return leaf != null && next < leaf.width();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Entry<String, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry<String, V> e = new SimpleImmutableEntry<>(leaf.key(next), (V) leaf.value(next));
            next++;
            if (next == leaf.width()) {
                advance();
            }
            return e;
        }

        /** On to the next leaf, or none when this was the last. */
        private void advance() {
            for (int level = branches.length - 1; level >= 0; level--) {
                if (at[level] + 1 < branches[level].width()) {
                    at[level]++;
                    descend(branches[level].children[at[level]], level + 1);
                    // descend set branches[level + 1..] below the child; keep this level's position.
                    return;
                }
            }
            leaf = null;
        }
    }

    /** One put, in one walk down the tree: it notes whether the id was there (then the size stays). */
    private static final class Insertion {
        private final String key;
        private final Object value;
        private boolean replaced;

        Insertion(String key, Object value) {
            this.key = key;
            this.value = value;
        }

        Parts into(Node n) {
            if (n instanceof Leaf leaf) {
                return into(leaf);
            }
            Branch b = (Branch) n;
            int i = b.childFor(key);
            Parts parts = into(b.children[i]);
            if (!parts.split()) {
                return new Parts(b.replacing(i, parts.left()), null, null);
            }
            int width = b.width();
            Node[] children = new Node[width + 1];
            System.arraycopy(b.children, 0, children, 0, i);
            children[i] = parts.left();
            children[i + 1] = parts.right();
            System.arraycopy(b.children, i + 1, children, i + 2, width - i - 1);
            String[] bounds = new String[width];
            System.arraycopy(b.bounds, 0, bounds, 0, i);
            bounds[i] = parts.bound();
            System.arraycopy(b.bounds, i, bounds, i + 1, width - 1 - i);
            return Parts.of(new Branch(bounds, children));
        }

        private Parts into(Leaf leaf) {
            int i = leaf.find(key);
            if (i >= 0) {
                replaced = true;
                Object[] slots = leaf.slots.clone();
                slots[2 * i + 1] = value;
                return new Parts(new Leaf(slots), null, null);
            }
            int at = -i - 1;
            Object[] slots = new Object[leaf.slots.length + 2];
            System.arraycopy(leaf.slots, 0, slots, 0, 2 * at);
            slots[2 * at] = key;
            slots[2 * at + 1] = value;
            System.arraycopy(leaf.slots, 2 * at, slots, 2 * at + 2, leaf.slots.length - 2 * at);
            return Parts.of(new Leaf(slots));
        }
    }

    /**
     * The node without the key, in one walk down it; the very same node when the key is not there.
     * The result may be narrower than {@link #MIN}: its parent evens that out with a neighbour.
     */
    private static Node remove(Node n, String key) {
        if (n instanceof Leaf leaf) {
            int i = leaf.find(key);
            if (i < 0) {
                return leaf;
            }
            Object[] slots = new Object[leaf.slots.length - 2];
            System.arraycopy(leaf.slots, 0, slots, 0, 2 * i);
            System.arraycopy(leaf.slots, 2 * i + 2, slots, 2 * i, slots.length - 2 * i);
            return new Leaf(slots);
        }
        Branch b = (Branch) n;
        int i = b.childFor(key);
        Node child = remove(b.children[i], key);
        if (child == b.children[i]) {
            return b;
        }
        if (child.width() >= MIN) {
            return b.replacing(i, child);
        }
        // Too narrow: joined with its neighbour on the right (on the left for the last child), and
        // split again in the middle when the two do not fit in one node.
        int first = i + 1 < b.width() ? i : i - 1;
        Node left = first == i ? child : b.children[first];
        Node right = first == i ? b.children[i + 1] : child;
        Parts parts = joined(left, right, b.bounds[first]);
        int width = b.width();
        int taken = parts.split() ? 0 : 1;
        Node[] children = new Node[width - taken];
        System.arraycopy(b.children, 0, children, 0, first);
        children[first] = parts.left();
        if (parts.split()) {
            children[first + 1] = parts.right();
        }
        System.arraycopy(b.children, first + 2, children, first + 2 - taken, width - first - 2);
        String[] bounds = new String[width - 1 - taken];
        System.arraycopy(b.bounds, 0, bounds, 0, first);
        if (parts.split()) {
            bounds[first] = parts.bound();
        }
        System.arraycopy(b.bounds, first + 1, bounds, first + 1 - taken, width - 2 - first);
        return new Branch(bounds, children);
    }

    /** Two neighbours of the same depth, with the bound between them, as one node or split evenly in two. */
    private static Parts joined(Node left, Node right, String bound) {
        if (left instanceof Leaf x) {
            Leaf y = (Leaf) right;
            Object[] slots = Arrays.copyOf(x.slots, x.slots.length + y.slots.length);
            System.arraycopy(y.slots, 0, slots, x.slots.length, y.slots.length);
            return Parts.of(new Leaf(slots));
        }
        Branch x = (Branch) left;
        Branch y = (Branch) right;
        Node[] children = Arrays.copyOf(x.children, x.width() + y.width());
        System.arraycopy(y.children, 0, children, x.width(), y.width());
        String[] bounds = new String[children.length - 1];
        System.arraycopy(x.bounds, 0, bounds, 0, x.bounds.length);
        bounds[x.bounds.length] = bound;
        System.arraycopy(y.bounds, 0, bounds, x.width(), y.bounds.length);
        return Parts.of(new Branch(bounds, children));
    }
}
