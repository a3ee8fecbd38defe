package io.quiesce.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A service as the Windows list of services shows it: the unit an administrator can pause.
 *
 * @param displayName  the name shown in the Windows list ("Lync Server Front-End")
 * @param shortName    the service's short name ("RTCSRV")
 * @param consolidates underlying components that cannot be paused on their own
 * @param features     the features this service hosts
 */
public record WindowsService(String displayName, String shortName, List<String> consolidates,
                             List<Feature> features) {
    public WindowsService {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(shortName, "shortName");
        consolidates = List.copyOf(consolidates);
        features = List.copyOf(features);
    }

    /** True when {@code name} is this service's display name or short name, ignoring case. */
    public boolean isNamed(String name) {
        return displayName.equalsIgnoreCase(name) || shortName.equalsIgnoreCase(name);
    }

    /** True when {@code name} names one of the components this service consolidates. */
    public boolean consolidatesComponent(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return consolidates.stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).equals(wanted));
    }

    public Optional<Feature> feature(String id) {
        return features.stream().filter(f -> f.id().equalsIgnoreCase(id)).findFirst();
    }

    /** True when any feature of this service relies on DNS load balancing. */
    public boolean hostsDnsDependentFeature() {
        return features.stream().anyMatch(Feature::needsDnsLoadBalancing);
    }
}
