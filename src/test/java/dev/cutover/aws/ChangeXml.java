package dev.cutover.aws;

import dev.cutover.core.dns.AliasTarget;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the ChangeResourceRecordSetsRequest XML body the SDK sent, for assertions. */
public final class ChangeXml {
    /** One change as sent: action, name, type and alias target (null for a plain record). */
    public record Change(String action, String name, String type, AliasTarget alias) {}

    private ChangeXml() {}

    public static String comment(String body) {
        return text(parse(body).getDocumentElement(), "Comment");
    }

    public static List<Change> changes(String body) {
        List<Change> out = new ArrayList<>();
        for (Element c : changeElements(body)) {
            Element rrset = child(c, "ResourceRecordSet");
            Element alias = child(rrset, "AliasTarget");
            AliasTarget target = alias == null
                    ? null
                    : new AliasTarget(
                            text(alias, "HostedZoneId"),
                            text(alias, "DNSName"),
                            Boolean.parseBoolean(text(alias, "EvaluateTargetHealth")));
            out.add(new Change(text(c, "Action"), text(rrset, "Name"), text(rrset, "Type"), target));
        }
        return out;
    }

    /** The plain (non-alias) changes as {@code "ACTION name type ttl [values]"}. */
    static List<String> plainChanges(String body) {
        List<String> out = new ArrayList<>();
        for (Element c : changeElements(body)) {
            Element rrset = child(c, "ResourceRecordSet");
            if (child(rrset, "AliasTarget") != null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            NodeList v = rrset.getElementsByTagName("Value");
            for (int i = 0; i < v.getLength(); i++) {
                values.add(v.item(i).getTextContent());
            }
            out.add(text(c, "Action") + " " + text(rrset, "Name") + " " + text(rrset, "Type") + " " + text(rrset, "TTL")
                    + " " + values);
        }
        return out;
    }

    private static List<Element> changeElements(String body) {
        NodeList nodes = parse(body).getElementsByTagName("Change");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }

    private static Document parse(String body) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("not XML: " + body, e);
        }
    }
}
