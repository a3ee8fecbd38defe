package io.quiesce.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The short name of a role's service, by display or short name; unknown names come back as given. */
class ShortNameTest {
    final Catalog catalog = Catalog.defaults();

    @Test
    void givenADisplayOrShortName_whenLookedUp_thenTheShortName() {
        assertThat(catalog.shortName(Catalog.LYNC_2013_FRONT_END, "Lync Server Front-End")).isEqualTo("RTCSRV");
        assertThat(catalog.shortName(Catalog.LYNC_2013_FRONT_END, "rtccps")).isEqualTo("RTCCPS");
    }

    @Test
    void givenAnUnknownRoleOrService_whenLookedUp_thenTheNameAsGiven() {
        assertThat(catalog.shortName("edge", "Lync Server Front-End")).isEqualTo("Lync Server Front-End");
        assertThat(catalog.shortName(Catalog.LYNC_2013_FRONT_END, "Fax Service")).isEqualTo("Fax Service");
    }
}
