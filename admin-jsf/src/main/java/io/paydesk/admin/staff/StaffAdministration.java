package io.paydesk.admin.staff;

import io.paydesk.admin.Feedback;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.boundary.StaffService.StaffAccount;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The users page (ADMIN): create accounts, enable and disable them, reset passwords, assign roles.
 * Every rule (at least one role, not yourself, not the last administrator) is the boundary's; this
 * bean only carries the form and shows the answer.
 */
@Named
@ViewScoped
public class StaffAdministration implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB StaffService staff;
  @EJB MerchantRegistry registry;

  private List<StaffAccount> accounts;

  @NotBlank(message = "{paydesk.staff.username.required}")
  @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "{paydesk.staff.username.pattern}")
  private String username;

  @NotBlank(message = "{paydesk.staff.password.required}")
  @Size(min = 12, max = 128, message = "{paydesk.staff.password.size}")
  private String password;

  @NotEmpty(message = "{paydesk.staff.roles.required}")
  private List<Role> roles = new ArrayList<>();

  /** The account being edited, with its form fields. */
  private String selected;

  private List<Role> selectedRoles = new ArrayList<>();

  /** The merchants the edited account is limited to (none: every merchant). */
  private List<String> selectedMerchants = new ArrayList<>();

  private transient List<MerchantView> merchants;

  @Size(min = 12, max = 128, message = "{paydesk.staff.password.size}")
  private String newPassword;

  @PostConstruct
  void load() {
    accounts = staff.list();
  }

  public void create() {
    String name = username;
    if (Feedback.run(
        () -> staff.create(name, password.toCharArray(), EnumSet.copyOf(roles)),
        "users.created",
        name)) {
      username = null;
      roles = new ArrayList<>();
      load();
    }
    password = null;
  }

  public void edit(String name) {
    selected = name;
    selectedRoles =
        accounts.stream()
            .filter(a -> a.username().equals(name))
            .findFirst()
            .map(a -> new ArrayList<>(a.roles()))
            .orElseGet(ArrayList::new);
    selectedMerchants =
        accounts.stream()
            .filter(a -> a.username().equals(name))
            .findFirst()
            .map(a -> new ArrayList<>(new java.util.TreeSet<>(a.merchants())))
            .orElseGet(ArrayList::new);
    newPassword = null;
  }

  /**
   * Limits the edited account to the chosen merchants (issue 18); none chosen lifts the limit: it
   * then sees every merchant's data.
   */
  public void saveMerchants() {
    String name = selected;
    Set<String> chosen = new java.util.TreeSet<>(selectedMerchants);
    if (Feedback.run(() -> staff.limitToMerchants(name, chosen), "users.merchantsSaved", name)) {
      load();
    }
  }

  /** Every merchant, to choose from. */
  public List<MerchantView> getMerchants() {
    if (merchants == null) {
      merchants = registry.list();
    }
    return merchants;
  }

  public List<String> getSelectedMerchants() {
    return selectedMerchants;
  }

  public void setSelectedMerchants(List<String> selectedMerchants) {
    this.selectedMerchants =
        selectedMerchants == null ? new ArrayList<>() : new ArrayList<>(selectedMerchants);
  }

  public void saveRoles() {
    String name = selected;
    if (selectedRoles.isEmpty()) {
      Feedback.error("users.rolesRequired");
      return;
    }
    if (Feedback.run(
        () -> staff.assignRoles(name, EnumSet.copyOf(selectedRoles)), "users.rolesSaved", name)) {
      load();
    }
  }

  public void resetPassword() {
    String name = selected;
    if (newPassword == null || newPassword.isBlank()) {
      Feedback.error("users.newPasswordRequired");
      return;
    }
    Feedback.run(
        () -> staff.resetPassword(name, newPassword.toCharArray()), "users.passwordReset", name);
    newPassword = null;
  }

  public void enable(String name, boolean enabled) {
    if (Feedback.run(
        () -> {
          if (enabled) {
            staff.enable(name);
          } else {
            staff.disable(name);
          }
        },
        enabled ? "users.enabled" : "users.disabled",
        name)) {
      load();
    }
  }

  public Role[] getAllRoles() {
    return Role.values();
  }

  public List<StaffAccount> getAccounts() {
    return accounts;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public List<Role> getRoles() {
    return roles;
  }

  public void setRoles(List<Role> roles) {
    this.roles = roles;
  }

  public String getSelected() {
    return selected;
  }

  public List<Role> getSelectedRoles() {
    return selectedRoles;
  }

  public void setSelectedRoles(List<Role> selectedRoles) {
    this.selectedRoles = selectedRoles;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }
}
