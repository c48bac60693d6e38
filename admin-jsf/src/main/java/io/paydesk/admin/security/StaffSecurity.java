package io.paydesk.admin.security;

import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Where staff accounts live: PayDesk's database (PBKDF2 hashes, roles as groups; a disabled account
 * does not validate). How staff authenticate is {@link StaffAuthenticationMechanism}: form login
 * for the console, HTTP Basic for the staff API. Roles are checked again on every boundary method
 * ({@code @RolesAllowed}), not only on URLs.
 */
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = SchemaMigration.DATASOURCE,
    callerQuery = "SELECT password_hash FROM staff_user WHERE username = ? AND enabled = TRUE",
    groupsQuery = "SELECT role FROM staff_user_role WHERE username = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class,
    hashAlgorithmParameters = {
      "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA256",
      "Pbkdf2PasswordHash.Iterations=600000",
      "Pbkdf2PasswordHash.SaltSizeBytes=32",
      "Pbkdf2PasswordHash.KeySizeBytes=32"
    })
@DeclareRoles({
  Role.SUPPORT_NAME,
  Role.FINANCE_NAME,
  Role.ADMIN_NAME,
  Scope.ORDERS_WRITE_NAME,
  Scope.ORDERS_READ_NAME,
  Scope.PAYMENTS_WRITE_NAME,
  Scope.SHIPMENTS_WRITE_NAME,
  Scope.REFUNDS_REQUEST_NAME,
  Scope.REFUNDS_READ_NAME
})
@ApplicationScoped
public class StaffSecurity {}
