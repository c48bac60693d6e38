package io.paydesk.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.staff.entity.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * web.xml spells the role names out (XML cannot refer to Role or Scope): it declares exactly the
 * staff roles and the API clients' scopes, and its page constraints name staff roles only (the
 * console is for staff; API clients never get a page).
 */
class WebXmlRolesTest {

  @Test
  void webXmlDeclaresExactlyTheRolesAndScopes() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setNamespaceAware(true);
    Document webXml =
        factory.newDocumentBuilder().parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());

    List<String> declared = texts(webXml, "security-role");
    List<String> used = texts(webXml, "auth-constraint");
    List<String> roles = Arrays.stream(Role.values()).map(Role::name).toList();

    List<String> scopes = Arrays.stream(Scope.values()).map(Scope::value).toList();

    assertThat(declared)
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(roles.stream(), scopes.stream()).toList());
    assertThat(used).isNotEmpty().allMatch(roles::contains);
  }

  private static List<String> texts(Document doc, String parent) {
    List<String> names = new ArrayList<>();
    NodeList parents = doc.getElementsByTagNameNS("*", parent);
    for (int i = 0; i < parents.getLength(); i++) {
      NodeList roleNames =
          ((org.w3c.dom.Element) parents.item(i)).getElementsByTagNameNS("*", "role-name");
      for (int j = 0; j < roleNames.getLength(); j++) {
        names.add(roleNames.item(j).getTextContent().trim());
      }
    }
    return names;
  }
}
