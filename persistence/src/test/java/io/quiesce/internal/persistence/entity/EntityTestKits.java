package io.quiesce.internal.persistence.entity;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** An in-memory journal with the project's serializer bound, so every entry round-trips as it would on disk. */
final class EntityTestKits {
    private EntityTestKits() {
    }

    static ActorTestKit create() {
        return ActorTestKit.create(EventSourcedBehaviorTestKit.config()
                .withFallback(ConfigFactory.parseString("""
                        pekko.actor.serializers.quiesce = "io.quiesce.internal.persistence.serialization.QuiesceSerializer"
                        pekko.actor.serialization-bindings {
                          "io.quiesce.event.Event" = quiesce
                          "io.quiesce.internal.persistence.entity.Journaled" = quiesce
                        }
                        """)));
    }
}
