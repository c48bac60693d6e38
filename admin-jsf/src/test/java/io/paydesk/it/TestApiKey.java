package io.paydesk.it;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The shop API key of the test deployments' first API client, made once per test JVM. A class of
 * its own, with nothing but the JDK, because the system tests (which start Payara Micro themselves)
 * use it without Arquillian or ShrinkWrap on their class path.
 */
public final class TestApiKey {

  /** {@code pdk.<key id>.<secret>}, the form PayDesk issues. */
  public static final String VALUE = newKey();

  private TestApiKey() {}

  private static String newKey() {
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    random.nextBytes(id);
    random.nextBytes(secret);
    return "pdk."
        + HexFormat.of().formatHex(id)
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
