package io.paydesk.it.browser;

import io.paydesk.it.Deployments;
import io.paydesk.it.Http;
import jakarta.json.Json;
import java.net.URL;

/** Staff accounts for tests, created by the first administrator through the staff API. */
public final class StaffAccounts {

  /** The password every account made here gets. */
  public static final String PASSWORD = "a-long-test-passphrase";

  private StaffAccounts() {}

  /**
   * Creates {@code username} with the given roles ("SUPPORT", "FINANCE", "ADMIN"); an account that
   * exists already (from an earlier test in the same deployment) is fine. Returns the password.
   */
  public static String ensure(URL app, String username, String... roles) {
    var body =
        Json.createObjectBuilder()
            .add("username", username)
            .add("password", PASSWORD)
            .add("roles", Json.createArrayBuilder(java.util.List.of(roles)))
            .build()
            .toString();
    Http.Answer answer =
        new Http(app).as("admin", Deployments.ADMIN_PASSWORD).postJson("api/staff/users", body);
    if (answer.status() != 200 && answer.status() != 409) {
      throw new AssertionError(
          "creating " + username + ": " + answer.status() + " " + answer.body());
    }
    return PASSWORD;
  }
}
