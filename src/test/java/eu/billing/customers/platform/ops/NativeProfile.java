package eu.billing.customers.platform.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The properties of the {@code native} Maven profile in {@code pom.xml}, read the way the native
 * build reads them, so that the tests check the list the build really uses (no copy to drift).
 */
final class NativeProfile {

    static final String BUILD_ARGS = "quarkus.native.additional-build-args";
    static final String MARCH = "quarkus.native.march";
    static final String RUN_TIME_INIT = "--initialize-at-run-time=";

    private NativeProfile() {
    }

    /** The properties of the native profile, by name. */
    static Map<String, String> properties() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
            NodeList profiles = pom.getElementsByTagName("profile");
            for (int i = 0; i < profiles.getLength(); i++) {
                Element profile = (Element) profiles.item(i);
                if (!"native".equals(text(profile, "id"))) {
                    continue;
                }
                Map<String, String> properties = new LinkedHashMap<>();
                NodeList children = ((Element) profile.getElementsByTagName("properties").item(0)).getChildNodes();
                for (int j = 0; j < children.getLength(); j++) {
                    Node child = children.item(j);
                    if (child instanceof Element e) {
                        properties.put(e.getTagName(), e.getTextContent().strip());
                    }
                }
                return properties;
            }
            throw new AssertionError("pom.xml has no profile with id native");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read pom.xml", e);
        }
    }

    /**
     * The native-image arguments of {@code quarkus.native.additional-build-args}: a configuration
     * list, so an unescaped comma separates two arguments and {@code \,} is a comma inside one.
     */
    static List<String> buildArgs() {
        String value = properties().getOrDefault(BUILD_ARGS, "");
        List<String> args = new ArrayList<>();
        for (String arg : value.split("(?<!\\\\),")) {
            if (!arg.isBlank()) {
                args.add(arg.strip().replace("\\,", ","));
            }
        }
        return args;
    }

    /** The classes and packages registered with {@code --initialize-at-run-time=}. */
    static List<String> runTimeInitialized() {
        List<String> names = new ArrayList<>();
        for (String arg : buildArgs()) {
            if (arg.startsWith(RUN_TIME_INIT)) {
                Arrays.stream(arg.substring(RUN_TIME_INIT.length()).split(","))
                        .map(String::strip).filter(n -> !n.isEmpty()).forEach(names::add);
            }
        }
        return names;
    }

    /**
     * Whether native-image initialises this class at run time: the class itself or its own package
     * is registered (a nested class is a class of its own and must be named itself).
     */
    static boolean initializedAtRunTime(String className, List<String> registered) {
        String pkg = className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : "";
        return registered.stream().anyMatch(name -> name.equals(className) || pkg.equals(name));
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
