package io.quiesce.hostile;

import io.quiesce.formats.json.JsonText;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damage to a parsed JSON document that keeps it JSON: a value replaced by one of the wrong type,
 * range or size, a member dropped, renamed or added. Text that JsonText cannot write (nesting past its
 * limit, numbers past BigDecimal) is spliced in after writing.
 */
final class JsonMutations {
    private final SplittableRandom r;
    /** Words of the format being damaged (field names, command and type names), to swap in. */
    private final List<String> words;
    private final List<String> raw = new ArrayList<>();

    JsonMutations(SplittableRandom r, List<String> words) {
        this.r = r;
        this.words = words;
    }

    /** {@code document} after {@code times} damages, as JSON text. */
    String damage(Object document, int times) {
        Object copy = JsonText.parse(JsonText.write(document));
        for (int i = 0; i < times; i++) {
            copy = damageOnce(copy);
        }
        String text = JsonText.write(copy);
        for (int i = 0; i < raw.size(); i++) {
            text = text.replace("\"@@raw" + i + "@@\"", raw.get(i));
        }
        return text;
    }

    private record Slot(Object container, Object key) {
        Object get() {
            return container instanceof Map<?, ?> m ? m.get(key) : ((List<?>) container).get((Integer) key);
        }

        @SuppressWarnings("unchecked")
        void set(Object value) {
            if (container instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).put((String) key, value);
            } else {
                ((List<Object>) container).set((Integer) key, value);
            }
        }

        void remove() {
            if (container instanceof Map<?, ?> m) {
                m.remove(key);
            } else {
                ((List<?>) container).remove((int) (Integer) key);
            }
        }
    }

    private Object damageOnce(Object root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty() || r.nextInt(30) == 0) {
            return oddValue();
        }
        Slot slot = Mutations.pick(slots, r);
        switch (r.nextInt(7)) {
            case 0, 1 -> slot.set(oddValue());
            case 2 -> slot.remove();
            case 3 -> addMember(slot.container());
            case 4 -> rename(slot);
            case 5 -> slot.set(Mutations.pick(words, r));
            default -> slot.set(retyped(slot.get()));
        }
        return root;
    }

    private static void collect(Object value, List<Slot> slots) {
        if (value instanceof Map<?, ?> m) {
            for (Object key : List.copyOf(m.keySet())) {
                slots.add(new Slot(m, key));
                collect(m.get(key), slots);
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                slots.add(new Slot(l, i));
                collect(l.get(i), slots);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void addMember(Object container) {
        if (container instanceof Map<?, ?> m) {
            String key = r.nextBoolean() ? Mutations.pick(words, r) : writable(Mutations.damage("extra", r));
            ((Map<String, Object>) m).put(key, oddValue());
        } else {
            List<Object> list = (List<Object>) container;
            list.add(r.nextInt(list.size() + 1), r.nextBoolean() || list.isEmpty() ? oddValue()
                    : JsonText.parse(JsonText.write(list.get(r.nextInt(list.size())))));
        }
    }

    /** A key renamed (keeping its place), or two array elements swapped. */
    @SuppressWarnings("unchecked")
    private void rename(Slot slot) {
        if (slot.container() instanceof Map<?, ?> m) {
            Map<String, Object> renamed = new LinkedHashMap<>();
            String to = r.nextBoolean() ? writable(Mutations.damage((String) slot.key(), r)) : Mutations.pick(words, r);
            m.forEach((k, v) -> renamed.putIfAbsent(k.equals(slot.key()) ? to : (String) k, v));
            m.clear();
            ((Map<String, Object>) m).putAll(renamed);
        } else {
            List<Object> list = (List<Object>) slot.container();
            int other = r.nextInt(list.size());
            Object here = slot.get();
            slot.set(list.get(other));
            list.set(other, here);
        }
    }

    private Object retyped(Object value) {
        if (value instanceof String s) {
            return r.nextBoolean() ? new ArrayList<>(List.of(s)) : s.length();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return value == null ? "null" : JsonText.write(value);
    }

    /** A value of the wrong type, range or size. */
    private Object oddValue() {
        return switch (r.nextInt(10)) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextBoolean() ? Long.MIN_VALUE : new BigDecimal("1e400");
            case 3 -> new ArrayList<>();
            case 4 -> new LinkedHashMap<>();
            case 5 -> spliced(Mutations.deepNesting(r));
            case 6 -> spliced(Mutations.hugeNumber(r));
            case 7 -> r.nextBoolean() ? "" : " ";
            default -> writable(Mutations.oddValue(r));
        };
    }

    /** JsonText writes no unpaired surrogate (it could not read it back); the text-level damage covers those. */
    private static String writable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return b.toString();
    }

    private String spliced(String text) {
        raw.add(text);
        return "@@raw" + (raw.size() - 1) + "@@";
    }
}
