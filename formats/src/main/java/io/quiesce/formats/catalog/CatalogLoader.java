package io.quiesce.formats.catalog;

import io.quiesce.catalog.*;
import io.quiesce.formats.json.JsonException;
import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.ShapeException;
import io.quiesce.formats.json.StrictObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a role catalog from JSON and validates it completely, so that a bad user-supplied file
 * is refused at load time with a message naming the file and the fault, never later mid-operation.
 *
 * <pre>
 * {"defaultRole": "lync2013-frontend",              (optional, default the first role)
 *  "roles": [{"name": "lync2013-frontend",
 *             "coreService": "RTCSRV",                (display or short name of one of its services)
 *             "services": [{"displayName": "Lync Server Front-End", "shortName": "RTCSRV",
 *                           "consolidates": ["Front-End"],                      (optional)
 *                           "features": [{"id": "im"},                          (optional)
 *                                        {"id": "attendant", "needsDnsLoadBalancing": true}]}]}]}
 * </pre>
 */
public final class CatalogLoader {
    private CatalogLoader() {
    }

    /**
     * Loads a UTF-8 catalog file; a leading byte order mark (as Windows editors write) is ignored.
     *
     * @throws CatalogException when the file is missing, unreadable, not JSON or not a valid catalog
     */
    public static Catalog load(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CatalogException(source + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new CatalogException(source + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new CatalogException(source + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, source);
    }

    /**
     * Parses a catalog from JSON text.
     *
     * @param sourceName names the text in error messages (a file name)
     * @throws CatalogException when the text is not JSON or not a valid catalog
     */
    public static Catalog parse(String json, String sourceName) {
        Object root;
        try {
            root = JsonText.parse(json);
        } catch (JsonException e) {
            throw new CatalogException(sourceName + ": " + e.getMessage(), e);
        }
        try {
            return catalog(root, sourceName);
        } catch (ShapeException e) {
            throw new CatalogException(e.getMessage(), e);
        }
    }

    private static Catalog catalog(Object root, String source) {
        StrictObject fields = StrictObject.of(root, source + ": the catalog");
        fields.allowOnly("defaultRole", "roles");
        List<?> roleValues = fields.nonEmptyArray("roles");
        Map<String, Role> roles = new LinkedHashMap<>();
        for (int i = 0; i < roleValues.size(); i++) {
            Role role = role(roleValues.get(i), source, i + 1);
            if (roles.keySet().stream().anyMatch(name -> io.quiesce.text.Names.same(name, role.name()))) {
                throw new CatalogException(source + ": role \"" + role.name() + "\" is defined twice");
            }
            roles.put(role.name(), role);
        }
        String defaultRole = fields.optionalString("defaultRole").orElse(roles.keySet().iterator().next());
        if (!roles.containsKey(defaultRole)) {
            throw new CatalogException(source + ": defaultRole \"" + defaultRole + "\" is not one of the roles");
        }
        return new Catalog(roles, defaultRole);
    }

    private static Role role(Object value, String source, int number) {
        StrictObject unnamed = StrictObject.of(value, source + ": role " + number);
        String name = unnamed.string("name");
        StrictObject fields = unnamed.at(source + ": role \"" + name + "\"");
        fields.allowOnly("name", "coreService", "services");
        String coreService = fields.string("coreService");
        List<?> serviceValues = fields.nonEmptyArray("services");

        // Each name below must pick out one service, as the lookups on Role return the first match.
        UniqueNames names = new UniqueNames(fields.where(), "is named", "already used");
        UniqueNames components = new UniqueNames(fields.where(), "consolidates", "already consolidated");
        UniqueNames features = new UniqueNames(fields.where(), "hosts feature", "already hosted");
        List<WindowsService> services = new ArrayList<>();
        for (int i = 0; i < serviceValues.size(); i++) {
            int serviceNumber = i + 1;
            WindowsService service = service(serviceValues.get(i), fields.where() + ": service " + serviceNumber);
            names.claim(service.displayName(), serviceNumber);
            if (!service.shortName().equalsIgnoreCase(service.displayName())) {
                names.claim(service.shortName(), serviceNumber);
            }
            service.consolidates().forEach(component -> components.claim(component, serviceNumber));
            service.features().forEach(feature -> features.claim(feature.id(), serviceNumber));
            services.add(service);
        }
        WindowsService core = services.stream().filter(s -> s.isNamed(coreService)).findFirst()
                .orElseThrow(() -> new CatalogException(
                        fields.where() + ": coreService \"" + coreService + "\" is not one of its services"));
        return new Role(name, core.displayName(), services);
    }

    private static WindowsService service(Object value, String where) {
        StrictObject fields = StrictObject.of(value, where);
        fields.allowOnly("displayName", "shortName", "consolidates", "features");
        String displayName = fields.string("displayName");
        String shortName = fields.string("shortName");
        List<String> consolidates = fields.optionalStrings("consolidates");
        List<?> featureValues = fields.optionalArray("features");
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < featureValues.size(); i++) {
            features.add(feature(featureValues.get(i), where + ": feature " + (i + 1)));
        }
        return new WindowsService(displayName, shortName, consolidates, features);
    }

    private static Feature feature(Object value, String where) {
        StrictObject fields = StrictObject.of(value, where);
        fields.allowOnly("id", "needsDnsLoadBalancing");
        return new Feature(fields.string("id"), fields.optionalBool("needsDnsLoadBalancing", false));
    }
}
