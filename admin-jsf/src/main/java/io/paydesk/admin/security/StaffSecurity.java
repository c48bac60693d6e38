package io.paydesk.admin.security;

import io.paydesk.platform.database.SchemaMigration;
import io.paydesk.platform.staff.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * How staff authenticate: accounts in PayDesk's database (PBKDF2 hashes, roles as groups), HTTP
 * Basic over the staff API ({@code /api/staff/*}, constrained in web.xml). Roles are checked again
 * on every boundary method ({@code @RolesAllowed}), not only on URLs.
 */
@BasicAuthenticationMechanismDefinition(realmName = "PayDesk staff")
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = SchemaMigration.DATASOURCE,
    callerQuery = "SELECT password_hash FROM staff_user WHERE username = ? AND enabled = TRUE",
    groupsQuery = "SELECT role FROM staff_user_role WHERE username = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class,
    hashAlgorithmParameters = {
      "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA256",
      "Pbkdf2PasswordHash.Iterations=210000",
      "Pbkdf2PasswordHash.SaltSizeBytes=32",
      "Pbkdf2PasswordHash.KeySizeBytes=32"
    })
@DeclareRoles({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
@ApplicationScoped
public class StaffSecurity {}
