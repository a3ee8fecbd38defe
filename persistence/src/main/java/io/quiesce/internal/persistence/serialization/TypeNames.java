package io.quiesce.internal.persistence.serialization;

import io.quiesce.event.EventTypes;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import io.quiesce.internal.persistence.entity.IntentApplied;
import io.quiesce.internal.persistence.entity.IntentCompleted;
import io.quiesce.internal.persistence.entity.IntentRecorded;
import io.quiesce.internal.persistence.entity.PoolSnapshot;
import io.quiesce.internal.persistence.entity.RegistrySnapshot;
import io.quiesce.internal.persistence.entity.ServerDecisionRecorded;
import io.quiesce.internal.persistence.entity.ServerSnapshot;
import io.quiesce.internal.persistence.entity.ServiceSnapshot;
import io.quiesce.rollout.RolloutEventTypes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable type names written to the journal and snapshots: the core's event names plus the
 * persistence layer's own entries. A name is never changed or reused: renaming a Java class only
 * changes the right-hand side here, so old journals still load.
 */
public final class TypeNames {
    private static final Map<String, Class<?>> BY_NAME;
    private static final Map<Class<?>, String> BY_CLASS;

    static {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.putAll(EventTypes.all());
        m.put("IntentRecorded", IntentRecorded.class);
        m.put("IntentCompleted", IntentCompleted.class);
        m.put("IntentApplied", IntentApplied.class);
        m.put("ServiceSnapshot", ServiceSnapshot.class);
        m.put("ServerSnapshot", ServerSnapshot.class);
        m.put("PoolSnapshot", PoolSnapshot.class);
        m.put("RegistrySnapshot", RegistrySnapshot.class);
        m.put("DecisionRecorded", DecisionRecorded.class);
        m.put("ServerDecisionRecorded", ServerDecisionRecorded.class);
        m.putAll(RolloutEventTypes.all());
        BY_NAME = Collections.unmodifiableMap(m);
        Map<Class<?>, String> c = new LinkedHashMap<>();
        m.forEach((name, type) -> c.put(type, name));
        BY_CLASS = Collections.unmodifiableMap(c);
    }

    private TypeNames() {
    }

    public static Map<String, Class<?>> all() {
        return BY_NAME;
    }

    public static Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
