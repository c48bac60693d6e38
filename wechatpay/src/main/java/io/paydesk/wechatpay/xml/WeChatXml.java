package io.paydesk.wechatpay.xml;

import io.paydesk.wechatpay.WeChatPayException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The {@code <xml><field>value</field>...</xml>} codec of WeChat Pay v2.
 *
 * <p>Parsing is hardened against the 2018 XXE class of attacks: the JDK's own parser (never one
 * found on the class path), DOCTYPE refused, external entities and DTDs off, secure processing on,
 * XInclude off, and a size limit checked before parsing. Every field that arrived is kept, in
 * order, so unknown fields are verified by the signature too. Nested elements and duplicated fields
 * are refused (they would make the signed content ambiguous). Thread-safe.
 */
public final class WeChatXml {
  /** 64 KiB: far above any v2 message, far below anything that hurts. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII);
  private static final SAXParserFactory FACTORY = hardenedFactory();

  private final int maxBytes;
  private final BlockingQueue<SAXParser> pool = new ArrayBlockingQueue<>(16);

  public WeChatXml() {
    this(DEFAULT_MAX_BYTES);
  }

  public WeChatXml(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** Parses a message whose root is {@code <xml>}. */
  public Map<String, String> parse(byte[] body) {
    return parse(body, "xml");
  }

  /** Parses a message from a string (encoded as UTF-8 for the size check). */
  public Map<String, String> parse(String body) {
    return parse(body.getBytes(StandardCharsets.UTF_8), "xml");
  }

  /**
   * Reads at most {@code maxBytes + 1} bytes of {@code body} and parses them; a longer body is
   * refused without reading the rest. The stream is not closed.
   */
  public Map<String, String> parse(InputStream body) throws IOException {
    return parse(readBounded(body), "xml");
  }

  /**
   * Parses a flat message with the given root element name ({@code root} for a decrypted refund
   * req_info).
   *
   * @return every field, in document order; unmodifiable
   * @throws XmlRejectedException for anything but a small, flat, well-formed message
   */
  public Map<String, String> parse(byte[] body, String rootName) {
    if (body.length > maxBytes) {
      throw new XmlRejectedException(
          Code.XML_TOO_LARGE, "body of " + body.length + " bytes exceeds " + maxBytes);
    }
    if (indexOf(body, DOCTYPE) >= 0) {
      throw new XmlRejectedException(Code.XML_DOCTYPE_REFUSED, "DOCTYPE is not allowed");
    }
    FieldCollector collector = new FieldCollector(rootName);
    SAXParser parser = borrow();
    try {
      parser.parse(new InputSource(new ByteArrayInputStream(body)), collector);
    } catch (XmlRejectedException e) {
      throw e;
    } catch (SAXException e) {
      if (e.getException() instanceof XmlRejectedException rejected) {
        throw rejected;
      }
      throw new XmlRejectedException(Code.XML_MALFORMED, "not well-formed XML", e);
    } catch (IOException e) {
      throw new XmlRejectedException(Code.XML_MALFORMED, "unreadable XML", e);
    } finally {
      giveBack(parser);
    }
    if (!collector.sawRoot) {
      throw new XmlRejectedException(Code.XML_MALFORMED, "no root element");
    }
    return Collections.unmodifiableMap(collector.fields);
  }

  /**
   * Writes {@code <xml>} with every value in CDATA, in the map's order. Field names must be plain
   * identifiers; a value containing {@code ]]>} is split across CDATA sections.
   */
  public static String write(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder(64 + fields.size() * 48).append("<xml>");
    for (Map.Entry<String, String> e : fields.entrySet()) {
      String name = e.getKey();
      if (!FIELD_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a field name: " + name);
      }
      if (e.getValue() == null) {
        continue;
      }
      sb.append('<').append(name).append("><![CDATA[");
      sb.append(e.getValue().replace("]]>", "]]]]><![CDATA[>"));
      sb.append("]]></").append(name).append('>');
    }
    return sb.append("</xml>").toString();
  }

  private byte[] readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new XmlRejectedException(Code.XML_TOO_LARGE, "body exceeds " + maxBytes + " bytes");
    }
    return bytes;
  }

  private SAXParser borrow() {
    SAXParser parser = pool.poll();
    try {
      if (parser == null) {
        synchronized (FACTORY) {
          parser = FACTORY.newSAXParser();
        }
      }
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return parser;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
    }
  }

  private void giveBack(SAXParser parser) {
    parser.reset();
    pool.offer(parser);
  }

  private static SAXParserFactory hardenedFactory() {
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    try {
      factory.setNamespaceAware(false);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new ExceptionInInitializerError(e);
    }
    return factory;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Collects the children of the root as name → text. */
  private static final class FieldCollector extends DefaultHandler {
    private final String rootName;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private int depth;
    private boolean sawRoot;
    private String current;

    FieldCollector(String rootName) {
      this.rootName = rootName;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      depth++;
      if (depth == 1) {
        if (!qName.equals(rootName)) {
          throw new SAXException(
              new XmlRejectedException(
                  Code.XML_WRONG_ROOT, "root element is not <" + rootName + ">"));
        }
        sawRoot = true;
      } else if (depth == 2) {
        current = qName;
        text.setLength(0);
      } else {
        throw new SAXException(
            new XmlRejectedException(
                Code.XML_NESTED_ELEMENT, "nested element in <" + current + ">"));
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      if (depth == 2) {
        if (fields.putIfAbsent(current, text.toString()) != null) {
          throw new SAXException(
              new XmlRejectedException(Code.XML_DUPLICATE_FIELD, "duplicate field " + current));
        }
        current = null;
      }
      depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      if (depth == 2) {
        text.append(ch, start, length);
      } else if (!isBlank(ch, start, length)) {
        throw new SAXException(
            new XmlRejectedException(Code.XML_MALFORMED, "text outside a field"));
      }
    }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
      throw new SAXException(
          new XmlRejectedException(Code.XML_DOCTYPE_REFUSED, "external entities are not allowed"));
    }

    private static boolean isBlank(char[] ch, int start, int length) {
      for (int i = start; i < start + length; i++) {
        if (!Character.isWhitespace(ch[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
