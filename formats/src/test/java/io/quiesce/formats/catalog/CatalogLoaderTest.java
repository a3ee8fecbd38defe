package io.quiesce.formats.catalog;

import io.quiesce.catalog.*;
import io.quiesce.formats.json.JsonException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CatalogLoaderTest {
    private static final String SOURCE = "my-roles.json";

    /** Single quotes keep the JSON in these tests readable; none of them needs a literal quote. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static Catalog parse(String singleQuoted) {
        return CatalogLoader.parse(json(singleQuoted), SOURCE);
    }

    /** A role named {@code name} with the given services. */
    private static String role(String name, String coreService, String... services) {
        return "{'name':'" + name + "','coreService':'" + coreService + "','services':[" + String.join(",", services) + "]}";
    }

    private static String service(String displayName, String shortName, String extra) {
        return "{'displayName':'" + displayName + "','shortName':'" + shortName + "'" + extra + "}";
    }

    private static String roles(String... roles) {
        return "{'roles':[" + String.join(",", roles) + "]}";
    }

    private static final String SVC_A = service("Service A", "SVCA", "");
    private static final String SVC_B = service("Service B", "SVCB", "");

    @Nested
    class DefaultCatalog {
        private final Catalog catalog = Catalog.defaults();
        private final Role role = catalog.role(Catalog.LYNC_2013_FRONT_END).orElseThrow();

        @Test
        void holdsTheLync2013FrontEndRoleAsDefault() {
            assertThat(catalog.defaultRole()).isEqualTo("lync2013-frontend");
            assertThat(catalog.roles().keySet()).containsExactly("lync2013-frontend");
            assertThat(role.name()).isEqualTo("lync2013-frontend");
        }

        @Test
        void isParsedOnce() {
            assertThat(Catalog.defaults()).isSameAs(catalog);
        }

        @Test
        void matchesTheSpecTableExactly() {
            assertThat(role.services()).containsExactly(
                    new WindowsService("Lync Server Front-End", "RTCSRV",
                            List.of("Front-End", "Monitoring data collection agent"),
                            List.of(plain("registration"), plain("presence"), plain("im"), plain("calls"))),
                    new WindowsService("Lync Server IM Conferencing", "RTCIMMCU", List.of(), List.of(plain("im-conferencing"))),
                    new WindowsService("Lync Server Audio/Video Conferencing", "RTCAVMCU", List.of(), List.of(plain("av-conferencing"))),
                    new WindowsService("Lync Server Application Sharing", "RTCASMCU", List.of(), List.of(plain("app-sharing"))),
                    new WindowsService("Lync Server Web Conferencing", "RTCDATAMCU", List.of(), List.of(plain("web-conferencing"))),
                    new WindowsService("Lync Server Conferencing Attendant", "RTCCAA", List.of(), List.of(dns("attendant"))),
                    new WindowsService("Lync Server Conferencing Announcement", "RTCCAS", List.of(),
                            List.of(dns("conferencing-announcement"))),
                    new WindowsService("Lync Server Call Park", "RTCCPS", List.of(), List.of(dns("call-park"))),
                    new WindowsService("Lync Server Response Group", "RTCRGS", List.of(),
                            List.of(dns("response-group"), dns("announcement"))));
        }

        @Test
        void hasNineServicesWithTheFrontEndAsCore() {
            assertThat(role.serviceNames()).hasSize(9).startsWith("Lync Server Front-End").endsWith("Lync Server Response Group");
            assertThat(role.coreService()).isEqualTo("Lync Server Front-End");
            assertThat(role.service(role.coreService()).orElseThrow().shortName()).isEqualTo("RTCSRV");
        }

        @Test
        void responseGroupHostsTwoDnsDependentFeatures() {
            WindowsService responseGroup = role.service("RTCRGS").orElseThrow();
            assertThat(role.hostOf("response-group")).contains(responseGroup);
            assertThat(role.hostOf("announcement")).contains(responseGroup);
            assertThat(responseGroup.features()).allMatch(Feature::needsDnsLoadBalancing).hasSize(2);
        }

        @Test
        void exactlyTheSpecFeaturesNeedDnsLoadBalancing() {
            assertThat(role.services().stream().flatMap(s -> s.features().stream())
                    .filter(Feature::needsDnsLoadBalancing).map(Feature::id))
                    .containsExactly("attendant", "conferencing-announcement", "call-park", "response-group", "announcement");
            assertThat(role.services().stream().filter(WindowsService::hostsDnsDependentFeature).map(WindowsService::shortName))
                    .containsExactly("RTCCAA", "RTCCAS", "RTCCPS", "RTCRGS");
        }

        @Test
        void frontEndConsolidatesTheMonitoringAgent() {
            assertThat(role.serviceConsolidating("Monitoring data collection agent").orElseThrow().shortName())
                    .isEqualTo("RTCSRV");
            assertThat(role.serviceConsolidating("front-end").orElseThrow().displayName())
                    .isEqualTo("Lync Server Front-End");
            assertThat(role.serviceConsolidating("Response Group")).isEmpty();
        }

        @Test
        void servicesAreFoundByEitherNameIgnoringCase() {
            assertThat(role.service("rtcsrv").orElseThrow().displayName()).isEqualTo("Lync Server Front-End");
            assertThat(role.service("RtcCps").orElseThrow().displayName()).isEqualTo("Lync Server Call Park");
            assertThat(role.service("lync server web conferencing").orElseThrow().shortName()).isEqualTo("RTCDATAMCU");
            assertThat(role.hostOf("CALL-PARK").orElseThrow().shortName()).isEqualTo("RTCCPS");
            assertThat(role.service("RTCNOPE")).isEmpty();
        }

        private static Feature plain(String id) {
            return new Feature(id, false);
        }

        private static Feature dns(String id) {
            return new Feature(id, true);
        }
    }

    @Nested
    class Parse {
        @Test
        void minimalCatalogTakesTheDefaults() {
            Catalog catalog = parse(roles(role("edge", "SVCA", SVC_A)));
            assertThat(catalog.defaultRole()).isEqualTo("edge");
            Role edge = catalog.role("edge").orElseThrow();
            assertThat(edge.coreService()).isEqualTo("Service A");
            assertThat(edge.services()).containsExactly(new WindowsService("Service A", "SVCA", List.of(), List.of()));
        }

        @Test
        void defaultRoleIsTheFirstRoleWhenNotGiven() {
            Catalog catalog = parse(roles(role("b", "SVCA", SVC_A), role("a", "SVCA", SVC_A)));
            assertThat(catalog.defaultRole()).isEqualTo("b");
            assertThat(catalog.roles().keySet()).containsExactly("b", "a");
        }

        @Test
        void defaultRoleCanNameAnyRole() {
            Catalog catalog = parse("{'defaultRole':'a','roles':[" + role("b", "SVCA", SVC_A) + ","
                    + role("a", "SVCA", SVC_A) + "]}");
            assertThat(catalog.defaultRole()).isEqualTo("a");
        }

        @Test
        void coreServiceIsResolvedToItsDisplayNameFromEitherNameIgnoringCase() {
            assertThat(parse(roles(role("r", "svcb", SVC_A, SVC_B))).role("r").orElseThrow().coreService())
                    .isEqualTo("Service B");
            assertThat(parse(roles(role("r", "SERVICE A", SVC_A, SVC_B))).role("r").orElseThrow().coreService())
                    .isEqualTo("Service A");
        }

        @Test
        void servicesKeepTheirOrderComponentsAndFeatures() {
            String full = service("Service A", "SVCA", ",'consolidates':['x','y'],'features':[{'id':'f1'},"
                    + "{'id':'f2','needsDnsLoadBalancing':true},{'id':'f3','needsDnsLoadBalancing':false}]");
            Role r = parse(roles(role("r", "SVCA", full, SVC_B))).role("r").orElseThrow();
            assertThat(r.services()).containsExactly(
                    new WindowsService("Service A", "SVCA", List.of("x", "y"),
                            List.of(new Feature("f1", false), new Feature("f2", true), new Feature("f3", false))),
                    new WindowsService("Service B", "SVCB", List.of(), List.of()));
        }

        @Test
        void aServiceMayUseTheSameNameAsDisplayAndShortName() {
            Role r = parse(roles(role("web", "W3SVC", service("W3SVC", "w3svc", "")))).role("web").orElseThrow();
            assertThat(r.coreService()).isEqualTo("W3SVC");
        }

        @Test
        void namesNeedOnlyBeUniqueWithinARole() {
            String feature = ",'consolidates':['c'],'features':[{'id':'f'}]";
            Catalog catalog = parse(roles(role("a", "SVCA", service("Service A", "SVCA", feature)),
                    role("b", "SVCA", service("Service A", "SVCA", feature))));
            assertThat(catalog.roles()).hasSize(2);
        }

        @Test
        void jsonSyntaxErrorsNameTheSourceLineAndColumn() {
            assertThatThrownBy(() -> parse("{\n  'roles': [\n    {'name' 'x'}]}"))
                    .isInstanceOf(CatalogException.class)
                    .hasMessage("my-roles.json: line 3, column 13: expected ':' after object key")
                    .hasCauseInstanceOf(JsonException.class);
        }
    }

    static Stream<Arguments> invalidCatalogs() {
        String svcA = SVC_A;
        return Stream.of(
                // the catalog object
                arguments("[]", "my-roles.json: the catalog must be an object, not an array"),
                arguments("'x'", "my-roles.json: the catalog must be an object, not a string"),
                arguments("1", "my-roles.json: the catalog must be an object, not a number"),
                arguments("true", "my-roles.json: the catalog must be an object, not a boolean"),
                arguments("null", "my-roles.json: the catalog must be an object, not null"),
                arguments("{}", "my-roles.json: the catalog has no 'roles'"),
                arguments("{'roles':[]}", "my-roles.json: the catalog: 'roles' must not be empty"),
                arguments("{'roles':{}}", "my-roles.json: the catalog: 'roles' must be an array, not an object"),
                arguments("{'roles':null}", "my-roles.json: the catalog: 'roles' must be an array, not null"),
                arguments("{'roles':[" + role("a", "SVCA", svcA) + "],'defaultrole':'a'}",
                        "my-roles.json: the catalog has unknown field 'defaultrole' (allowed: defaultRole, roles)"),
                arguments("{'defaultRole':'b','roles':[" + role("a", "SVCA", svcA) + "]}",
                        "my-roles.json: defaultRole 'b' is not one of the roles"),
                arguments("{'defaultRole':'A','roles':[" + role("a", "SVCA", svcA) + "]}",
                        "my-roles.json: defaultRole 'A' is not one of the roles"),
                arguments("{'defaultRole':7,'roles':[" + role("a", "SVCA", svcA) + "]}",
                        "my-roles.json: the catalog: 'defaultRole' must be a string, not a number"),
                arguments("{'defaultRole':'','roles':[" + role("a", "SVCA", svcA) + "]}",
                        "my-roles.json: the catalog: 'defaultRole' must not be blank"),
                // roles
                arguments(roles("'a'"), "my-roles.json: role 1 must be an object, not a string"),
                arguments(roles(role("a", "SVCA", svcA), "{'coreService':'SVCA','services':[" + svcA + "]}"),
                        "my-roles.json: role 2 has no 'name'"),
                arguments(roles(role(" ", "SVCA", svcA)), "my-roles.json: role 1: 'name' must not be blank"),
                arguments(roles("{'name':['a']}"), "my-roles.json: role 1: 'name' must be a string, not an array"),
                arguments(roles(role("a", "SVCA", svcA), role("b", "SVCA", svcA), role("a", "SVCA", svcA)),
                        "my-roles.json: role 'a' is defined twice"),
                arguments(roles(role("a", "SVCA", svcA), role("A", "SVCA", svcA)),
                        "my-roles.json: role 'A' is defined twice"),
                arguments(roles("{'name':'a','coreService':'SVCA','service':[]}"),
                        "my-roles.json: role 'a' has unknown field 'service' (allowed: name, coreService, services)"),
                arguments(roles("{'name':'a','services':[" + svcA + "]}"), "my-roles.json: role 'a' has no 'coreService'"),
                arguments(roles("{'name':'a','coreService':'SVCA'}"), "my-roles.json: role 'a' has no 'services'"),
                arguments(roles(role("a", "SVCA")), "my-roles.json: role 'a': 'services' must not be empty"),
                arguments(roles("{'name':'a','coreService':'SVCA','services':'SVCA'}"),
                        "my-roles.json: role 'a': 'services' must be an array, not a string"),
                arguments(roles(role("a", "NOPE", svcA, SVC_B)), "my-roles.json: role 'a': coreService 'NOPE' is not one of its services"),
                arguments(roles(role("a", "", svcA)), "my-roles.json: role 'a': 'coreService' must not be blank"),
                // services
                arguments(roles(role("a", "SVCA", "null")), "my-roles.json: role 'a': service 1 must be an object, not null"),
                arguments(roles(role("edge", "SVCA", svcA, "{'displayName':'Service B'}")),
                        "my-roles.json: role 'edge': service 2 has no 'shortName'"),
                arguments(roles(role("a", "SVCA", "{'shortName':'SVCA'}")), "my-roles.json: role 'a': service 1 has no 'displayName'"),
                arguments(roles(role("a", "SVCA", service("\\t", "SVCA", ""))),
                        "my-roles.json: role 'a': service 1: 'displayName' must not be blank"),
                arguments(roles(role("a", "SVCA", "{'displayName':'A','shortName':false}")),
                        "my-roles.json: role 'a': service 1: 'shortName' must be a string, not a boolean"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'feature':[]"))),
                        "my-roles.json: role 'a': service 1 has unknown field 'feature' (allowed: displayName, shortName, consolidates, features)"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'consolidates':'x'"))),
                        "my-roles.json: role 'a': service 1: 'consolidates' must be an array, not a string"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'consolidates':[1]"))),
                        "my-roles.json: role 'a': service 1: 'consolidates' entry 1 must be a string, not a number"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'consolidates':['x','']"))),
                        "my-roles.json: role 'a': service 1: 'consolidates' entry 2 must not be blank"),
                // features
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':'x'"))),
                        "my-roles.json: role 'a': service 1: 'features' must be an array, not a string"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':['im']"))),
                        "my-roles.json: role 'a': service 1: feature 1 must be an object, not a string"),
                arguments(roles(role("a", "SVCA", svcA, service("B", "SVCB", ",'features':[{'id':'im'},{}]"))),
                        "my-roles.json: role 'a': service 2: feature 2 has no 'id'"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':[{'id':' '}]"))),
                        "my-roles.json: role 'a': service 1: feature 1: 'id' must not be blank"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':[{'id':'im','needsDNSLoadBalancing':true}]"))),
                        "my-roles.json: role 'a': service 1: feature 1 has unknown field 'needsDNSLoadBalancing' (allowed: id, needsDnsLoadBalancing)"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':[{'id':'im','needsDnsLoadBalancing':'yes'}]"))),
                        "my-roles.json: role 'a': service 1: feature 1: 'needsDnsLoadBalancing' must be a boolean, not a string"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':[{'id':'im','needsDnsLoadBalancing':null}]"))),
                        "my-roles.json: role 'a': service 1: feature 1: 'needsDnsLoadBalancing' must be a boolean, not null"),
                // names that must pick out one service, ignoring case
                arguments(roles(role("a", "SVCA", svcA, service("service a", "SVCX", ""))),
                        "my-roles.json: role 'a': service 2 is named 'service a', already used by service 1"),
                arguments(roles(role("a", "SVCA", svcA, service("Service X", "svca", ""))),
                        "my-roles.json: role 'a': service 2 is named 'svca', already used by service 1"),
                arguments(roles(role("a", "SVCA", svcA, SVC_B, service("SVCB", "SVCC", ""))),
                        "my-roles.json: role 'a': service 3 is named 'SVCB', already used by service 2"),
                arguments(roles(role("a", "SVCA", svcA, service("Service B", "SERVICE A", ""))),
                        "my-roles.json: role 'a': service 2 is named 'SERVICE A', already used by service 1"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':[{'id':'im'}]"),
                                service("B", "SVCB", ",'features':[{'id':'calls'},{'id':'IM'}]"))),
                        "my-roles.json: role 'a': service 2 hosts feature 'IM', already hosted by service 1"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'features':[{'id':'im'},{'id':'im'}]"))),
                        "my-roles.json: role 'a': service 1 hosts feature 'im', already hosted by service 1"),
                arguments(roles(role("a", "SVCA", service("A", "SVCA", ",'consolidates':['Front-End']"),
                                service("B", "SVCB", ",'consolidates':['front-end']"))),
                        "my-roles.json: role 'a': service 2 consolidates 'front-end', already consolidated by service 1"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidCatalogs")
    void refusesAnInvalidCatalogNamingSourceAndProblem(String singleQuoted, String message) {
        assertThatThrownBy(() -> parse(singleQuoted))
                .isInstanceOf(CatalogException.class)
                .hasMessage(json(message));
    }

    @Nested
    class Load {
        @TempDir
        Path dir;

        @Test
        void readsAUtf8File() throws IOException {
            Path file = dir.resolve("roles.json");
            Files.writeString(file, json(roles(role("caf\u00e9", "SVCA", SVC_A))));
            assertThat(CatalogLoader.load(file).defaultRole()).isEqualTo("caf\u00e9");
        }

        @Test
        void ignoresAByteOrderMark() throws IOException {
            Path file = dir.resolve("roles.json");
            Files.writeString(file, "\ufeff" + json(roles(role("a", "SVCA", SVC_A))));
            assertThat(CatalogLoader.load(file).defaultRole()).isEqualTo("a");
        }

        @Test
        void errorsNameTheFile() throws IOException {
            Path file = dir.resolve("roles.json");
            Files.writeString(file, json("{'roles':[\n  {'name':'a',}]}"));
            assertThatThrownBy(() -> CatalogLoader.load(file))
                    .isInstanceOf(CatalogException.class)
                    .hasMessage(file + ": line 2, column 14: trailing comma before '}'");
            Files.writeString(file, json("{'roles':[]}"));
            assertThatThrownBy(() -> CatalogLoader.load(file))
                    .hasMessage(file + ": the catalog: \"roles\" must not be empty");
        }

        @Test
        void columnsAfterAByteOrderMarkAreThoseAnEditorShows() throws IOException {
            Path file = dir.resolve("roles.json");
            Files.writeString(file, "\ufeff{x");
            assertThatThrownBy(() -> CatalogLoader.load(file))
                    .hasMessage(file + ": line 1, column 2: expected a double-quoted object key");
        }

        @Test
        void aMissingFileIsReported() {
            Path file = dir.resolve("absent.json");
            assertThatThrownBy(() -> CatalogLoader.load(file))
                    .isInstanceOf(CatalogException.class)
                    .hasMessage(file + ": no such file")
                    .hasCauseInstanceOf(NoSuchFileException.class);
        }

        @Test
        void anUnreadableFileIsReported() {
            assertThatThrownBy(() -> CatalogLoader.load(dir))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageStartingWith(dir + ": cannot read the file (")
                    .hasCauseInstanceOf(IOException.class);
        }

        @Test
        void aFileThatIsNotUtf8IsReported() throws IOException {
            Path file = dir.resolve("latin1.json");
            Files.write(file, json(roles(role("caf\u00e9", "SVCA", SVC_A))).getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> CatalogLoader.load(file))
                    .isInstanceOf(CatalogException.class)
                    .hasMessage(file + ": not UTF-8 text");
        }
    }
}
