package io.quiesce.rules;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable map from ids to values in no particular order, where adding or removing an entry
 * copies only the few nodes on its path: a persistent hash trie (compressed like CHAMP: a node
 * holds bitmaps of its 32 slots and an array of only the slots in use). It holds the deployment's
 * index from session id to service ({@link SessionIndex}), which is changed at every session that
 * starts or ends and never read in order.
 *
 * <p>Why not the ordered {@link io.quiesce.service.IdMap} there: finding an id in it compares
 * strings a dozen times on the way down, each a pointer to follow; here the id's hash picks the
 * way and one comparison of ids ends it. A change copies about two small nodes for a few hundred
 * sessions, three for a million.
 *
 * @param <V> the values
 */
final class IdTrie<V> {
    private static final int BITS = 5;
    /** Below this depth (in bits of the hash) every id of a node has the same hash: its entries are a plain list. */
    private static final int HASH_BITS = 32;

    /**
     * The entries of slots holding one id, in slot order, ids and values alternating, followed by
     * the nodes of slots holding more, in slot order. At {@link #HASH_BITS} and below, both maps
     * are 0 and the array is a list of entries whose ids have the same hash.
     */
    private static final class Node {
        static final Node EMPTY = new Node(0, 0, new Object[0]);

        final int entries;
        final int nodes;
        final Object[] slots;

        Node(int entries, int nodes, Object[] slots) {
            this.entries = entries;
            this.nodes = nodes;
            this.slots = slots;
        }

        int entryAt(int bit) {
            return 2 * Integer.bitCount(entries & (bit - 1));
        }

        int nodeAt(int bit) {
            return 2 * Integer.bitCount(entries) + Integer.bitCount(nodes & (bit - 1));
        }

        /** A node of one entry and no nodes: its parent holds the entry itself instead. */
        boolean single() {
            return nodes == 0 && slots.length == 2;
        }
    }

    private static final IdTrie<?> EMPTY = new IdTrie<>(Node.EMPTY, 0);

    private final Node root;
    private final int size;

    private IdTrie(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> IdTrie<V> empty() {
        return (IdTrie<V>) EMPTY;
    }

    int size() {
        return size;
    }

    /** The value of the id, or null. */
    @SuppressWarnings("unchecked")
    V get(String id) {
        int hash = hash(id);
        Node n = root;
        for (int shift = 0; shift < HASH_BITS; shift += BITS) {
            int bit = bit(hash, shift);
            if ((n.entries & bit) != 0) {
                int at = n.entryAt(bit);
                return id.equals(n.slots[at]) ? (V) n.slots[at + 1] : null;
            }
            if ((n.nodes & bit) == 0) {
                return null;
            }
            n = (Node) n.slots[n.nodeAt(bit)];
        }
        int at = find(n, id);
        return at < 0 ? null : (V) n.slots[at + 1];
    }

    /** This map with the value put under the id (replacing any there; itself when that is the value there). */
    IdTrie<V> with(String id, V value) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
        Put put = new Put(id, value);
        Node next = put.into(root, hash(id), 0);
        return next == root ? this : new IdTrie<>(next, put.added ? size + 1 : size);
    }

    /** This map without the id (itself when the id is not there). */
    IdTrie<V> without(String id) {
        Node next = remove(root, id, hash(id), 0);
        return next == root ? this : new IdTrie<>(next, size - 1);
    }

    /** The id's hash, its bits mixed so that ids alike but for their ends still spread over the slots. */
    private static int hash(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int bit(int hash, int shift) {
        return 1 << ((hash >>> shift) & 31);
    }

    /** Where the id is in a list of entries, or -1. */
    private static int find(Node list, String id) {
        for (int i = 0; i < list.slots.length; i += 2) {
            if (id.equals(list.slots[i])) {
                return i;
            }
        }
        return -1;
    }

    /** One put, in one walk down: it notes whether the id was new (then the size grows). */
    private static final class Put {
        private final String id;
        private final Object value;
        private boolean added;

        Put(String id, Object value) {
            this.id = id;
            this.value = value;
        }

        Node into(Node n, int hash, int shift) {
            if (shift >= HASH_BITS) {
                return intoList(n);
            }
            int bit = bit(hash, shift);
            if ((n.entries & bit) != 0) {
                int at = n.entryAt(bit);
                Object there = n.slots[at];
                if (id.equals(there)) {
                    if (n.slots[at + 1] == value) {
                        return n;
                    }
                    Object[] slots = n.slots.clone();
                    slots[at + 1] = value;
                    return new Node(n.entries, n.nodes, slots);
                }
                // Two ids in one slot: they go one level down, together.
                added = true;
                Node both = pair((String) there, n.slots[at + 1], hash((String) there), id, value, hash, shift + BITS);
                return entryToNode(n, bit, at, both);
            }
            if ((n.nodes & bit) != 0) {
                int at = n.nodeAt(bit);
                Node child = (Node) n.slots[at];
                Node next = into(child, hash, shift + BITS);
                if (next == child) {
                    return n;
                }
                Object[] slots = n.slots.clone();
                slots[at] = next;
                return new Node(n.entries, n.nodes, slots);
            }
            added = true;
            int at = n.entryAt(bit);
            Object[] slots = new Object[n.slots.length + 2];
            System.arraycopy(n.slots, 0, slots, 0, at);
            slots[at] = id;
            slots[at + 1] = value;
            System.arraycopy(n.slots, at, slots, at + 2, n.slots.length - at);
            return new Node(n.entries | bit, n.nodes, slots);
        }

        private Node intoList(Node list) {
            int at = find(list, id);
            if (at >= 0) {
                if (list.slots[at + 1] == value) {
                    return list;
                }
                Object[] slots = list.slots.clone();
                slots[at + 1] = value;
                return new Node(0, 0, slots);
            }
            added = true;
            Object[] slots = Arrays.copyOf(list.slots, list.slots.length + 2);
            slots[list.slots.length] = id;
            slots[list.slots.length + 1] = value;
            return new Node(0, 0, slots);
        }
    }

    /** A node of two entries whose hashes agree above {@code shift}. */
    private static Node pair(String a, Object va, int ha, String b, Object vb, int hb, int shift) {
        if (shift >= HASH_BITS) {
            return new Node(0, 0, new Object[] {a, va, b, vb});
        }
        int bitA = bit(ha, shift);
        int bitB = bit(hb, shift);
        if (bitA == bitB) {
            return new Node(0, bitA, new Object[] {pair(a, va, ha, b, vb, hb, shift + BITS)});
        }
        // entries in slot order (slot 31's bit is negative as an int)
        return Integer.compareUnsigned(bitA, bitB) < 0
                ? new Node(bitA | bitB, 0, new Object[] {a, va, b, vb})
                : new Node(bitA | bitB, 0, new Object[] {b, vb, a, va});
    }

    /** The node with the entry of slot {@code bit} (at {@code at}) replaced by a node. */
    private static Node entryToNode(Node n, int bit, int at, Node child) {
        int entries = n.entries & ~bit;
        int nodes = n.nodes | bit;
        Object[] slots = new Object[n.slots.length - 1];
        System.arraycopy(n.slots, 0, slots, 0, at);
        System.arraycopy(n.slots, at + 2, slots, at, n.slots.length - at - 2);
        int nodeAt = 2 * Integer.bitCount(entries) + Integer.bitCount(nodes & (bit - 1));
        System.arraycopy(slots, nodeAt, slots, nodeAt + 1, slots.length - nodeAt - 1);
        slots[nodeAt] = child;
        return new Node(entries, nodes, slots);
    }

    /** The node of slot {@code bit} replaced by its one entry. */
    private static Node nodeToEntry(Node n, int bit, Node single) {
        int entries = n.entries | bit;
        int nodes = n.nodes & ~bit;
        int nodeAt = n.nodeAt(bit);
        int at = 2 * Integer.bitCount(entries & (bit - 1));
        Object[] slots = new Object[n.slots.length + 1];
        // entries before it, the entry, entries after it and the nodes before this one, the nodes after it
        System.arraycopy(n.slots, 0, slots, 0, at);
        slots[at] = single.slots[0];
        slots[at + 1] = single.slots[1];
        System.arraycopy(n.slots, at, slots, at + 2, nodeAt - at);
        System.arraycopy(n.slots, nodeAt + 1, slots, nodeAt + 2, n.slots.length - nodeAt - 1);
        return new Node(entries, nodes, slots);
    }

    /** The node without the id; the very same node when the id is not there. */
    private static Node remove(Node n, String id, int hash, int shift) {
        if (shift >= HASH_BITS) {
            int at = find(n, id);
            if (at < 0) {
                return n;
            }
            Object[] slots = new Object[n.slots.length - 2];
            System.arraycopy(n.slots, 0, slots, 0, at);
            System.arraycopy(n.slots, at + 2, slots, at, slots.length - at);
            return new Node(0, 0, slots);
        }
        int bit = bit(hash, shift);
        if ((n.entries & bit) != 0) {
            int at = n.entryAt(bit);
            if (!id.equals(n.slots[at])) {
                return n;
            }
            Object[] slots = new Object[n.slots.length - 2];
            System.arraycopy(n.slots, 0, slots, 0, at);
            System.arraycopy(n.slots, at + 2, slots, at, slots.length - at);
            return new Node(n.entries & ~bit, n.nodes, slots);
        }
        if ((n.nodes & bit) == 0) {
            return n;
        }
        int at = n.nodeAt(bit);
        Node child = (Node) n.slots[at];
        Node next = remove(child, id, hash, shift + BITS);
        if (next == child) {
            return n;
        }
        if (next.single()) {
            // A node left with one entry goes: the entry moves up (and on up, while it is alone).
            return n.entries == 0 && n.nodes == bit && shift > 0 ? next : nodeToEntry(n, bit, next);
        }
        Object[] slots = n.slots.clone();
        slots[at] = next;
        return new Node(n.entries, n.nodes, slots);
    }
}
