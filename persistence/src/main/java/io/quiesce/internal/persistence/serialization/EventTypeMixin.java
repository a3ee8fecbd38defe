package io.quiesce.internal.persistence.serialization;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Applied to the core's {@code Event} (which knows nothing of Jackson) so that events nested in
 * other entries carry their stable type name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
interface EventTypeMixin {
}
