package io.paydesk.admin.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Who is calling and how, as far as PayDesk can trust it. The address is the TCP peer's, and the
 * request came over HTTPS when the connection did; only a peer named in {@code
 * paydesk.security.trusted-proxies} (a reverse proxy in front of PayDesk, see the README) may say
 * otherwise with {@code X-Forwarded-For} (its last entry: the address the proxy itself saw) and
 * {@code X-Forwarded-Proto}. Anybody else could forge those headers, so they are ignored.
 */
@ApplicationScoped
public class ClientAddress {

  static final String TRUSTED_PROXIES = "paydesk.security.trusted-proxies";

  private final Set<String> trustedProxies =
      ConfigProvider.getConfig()
          .getOptionalValue(TRUSTED_PROXIES, String.class)
          .map(
              list ->
                  Arrays.stream(list.split(","))
                      .map(String::trim)
                      .filter(a -> !a.isEmpty())
                      .collect(Collectors.toUnmodifiableSet()))
          .orElse(Set.of());

  /** The caller's address: the peer's, or the one a trusted proxy saw. */
  public String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
    return last.matches("[0-9A-Fa-f.:\\[\\]]{2,64}") ? last : peer;
  }

  /** Whether the browser reached PayDesk over HTTPS (directly or through a trusted proxy). */
  public boolean overHttps(HttpServletRequest request) {
    if (request.isSecure()) {
      return true;
    }
    return trustedProxies.contains(request.getRemoteAddr())
        && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
  }
}
