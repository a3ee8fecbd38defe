package io.quiesce.properties;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A record's components by name, in declaration order (values may be null). */
final class RecordFields {
    /** Looking components up is slow and they never change, so each class's are kept. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private RecordFields() {
    }

    static RecordComponent[] components(Class<?> recordType) {
        return COMPONENTS.get(recordType);
    }

    static Map<String, Object> of(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent c : components(record.getClass())) {
            try {
                fields.put(c.getName(), c.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
            }
        }
        return fields;
    }
}
