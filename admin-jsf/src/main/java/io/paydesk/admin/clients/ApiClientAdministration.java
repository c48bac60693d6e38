package io.paydesk.admin.clients;

import io.paydesk.admin.Feedback;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.platform.client.boundary.ApiClients;
import io.paydesk.platform.client.boundary.ApiClients.ApiClientView;
import io.paydesk.platform.client.boundary.ApiClients.IssuedKey;
import io.paydesk.platform.client.entity.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The API clients page (ADMIN): create a client with its scopes, rotate its key, revoke a key or
 * the client. A new key is shown on the page once ({@link #getIssued}) and never again; every rule
 * is the boundary's. Texts come from the console's bundle ({@code clients.*}).
 */
@Named
@ViewScoped
public class ApiClientAdministration implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB ApiClients clients;
  @EJB MerchantRegistry registry;

  private List<ApiClientView> all;
  private String name;
  private List<Scope> scopes = new ArrayList<>();
  private int graceHours = 24;
  private IssuedKey issued;

  /** The merchant a new client acts for (issue 18); none: the first merchant. */
  private String merchant;

  private transient List<MerchantView> merchants;

  @PostConstruct
  void load() {
    all = clients.list();
  }

  public void create() {
    if (scopes == null || scopes.isEmpty()) {
      Feedback.error("clients.scopes.required");
      return;
    }
    String client = name == null ? "" : name.trim();
    issued =
        Feedback.call(
            () ->
                clients.create(
                    client,
                    EnumSet.copyOf(scopes),
                    merchant == null || merchant.isBlank() ? null : merchant),
            "clients.created",
            client);
    if (issued != null) {
      name = null;
      merchant = null;
      scopes = new ArrayList<>();
      load();
    }
  }

  public void rotate(String client) {
    issued =
        Feedback.call(
            () -> clients.rotate(client, Duration.ofHours(Math.max(0, graceHours))),
            "clients.rotated",
            client,
            graceHours);
    load();
  }

  public void revokeKey(String client, String keyId) {
    if (Feedback.run(() -> clients.revokeKey(client, keyId), "clients.key.revoked", keyId)) {
      load();
    }
  }

  public void revoke(String client) {
    if (Feedback.run(() -> clients.revoke(client), "clients.client.revoked", client)) {
      issued = null;
      load();
    }
  }

  public Scope[] getAllScopes() {
    return Scope.values();
  }

  public List<ApiClientView> getClients() {
    return all;
  }

  /** The key just issued, shown this once (null afterwards). */
  public IssuedKey getIssued() {
    return issued;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<Scope> getScopes() {
    return scopes;
  }

  public void setScopes(List<Scope> scopes) {
    this.scopes = scopes;
  }

  public int getGraceHours() {
    return graceHours;
  }

  public void setGraceHours(int graceHours) {
    this.graceHours = graceHours;
  }

  /** Every merchant a new client may act for. */
  public List<MerchantView> getMerchants() {
    if (merchants == null) {
      merchants = registry.list();
    }
    return merchants;
  }

  public String getMerchant() {
    return merchant;
  }

  public void setMerchant(String merchant) {
    this.merchant = merchant;
  }
}
