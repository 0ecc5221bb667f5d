package org.aisora.rest.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Readiness waits for exactly the resources this bundle registers: read from the component descriptions bnd
 * writes (OSGI-INF/*.xml, what Declarative Services registers in the container), so a resource added without
 * an osgi.jaxrs.name, or left out of {@link ExpectedResources}, fails here.
 */
class ExpectedResourcesTest {
    @Test
    void everyResourceIsNamedAndExpected() throws Exception {
        Path classes = Path.of(ExpectedResources.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path osgiInf = classes.resolve("OSGI-INF");
        assertTrue(Files.isDirectory(osgiInf), "no component descriptions in " + classes + " (bnd-process ran?)");
        TreeMap<String, String> nameByComponent = new TreeMap<>();
        List<Path> descriptions;
        try (Stream<Path> files = Files.list(osgiInf)) {
            descriptions = files.filter(f -> f.toString().endsWith(".xml")).toList();
        }
        for (Path xml : descriptions) {
            Element component = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                    .getDocumentElement();
            NodeList properties = component.getElementsByTagName("property");
            boolean resource = false;
            String name = null;
            for (int i = 0; i < properties.getLength(); i++) {
                Element p = (Element) properties.item(i);
                String value = p.hasAttribute("value") ? p.getAttribute("value") : p.getTextContent().trim();
                if ("osgi.jaxrs.resource".equals(p.getAttribute("name"))) {
                    resource = "true".equals(value);
                } else if ("osgi.jaxrs.name".equals(p.getAttribute("name"))) {
                    name = value;
                }
            }
            if (resource) {
                nameByComponent.put(component.getAttribute("name"), name == null ? "(no osgi.jaxrs.name)" : name);
            }
        }
        assertTrue(nameByComponent.size() >= 16, "resources found: " + nameByComponent);
        assertEquals(new TreeSet<>(ExpectedResources.NAMES), new TreeSet<>(nameByComponent.values()),
                "resources: " + nameByComponent);
        assertEquals(nameByComponent.size(), nameByComponent.values().stream().distinct().count(),
                "one name per resource: " + nameByComponent);
    }
}
