package io.paydesk.admin.merchants;

import io.paydesk.admin.Feedback;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.merchant.entity.ApiV3Keys;
import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.merchant.entity.MerchantSettings;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.merchant.entity.ServiceProvider;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The merchants page (ADMIN): register a merchant, change its settings, disable or enable it.
 * Secrets are entered and shown as references only; every rule is the boundary's. Texts come from
 * the console's bundle ({@code merchants.*}).
 */
@Named
@ViewScoped
public class MerchantAdministration implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB MerchantRegistry registry;

  private List<MerchantView> all;
  private final Form form = new Form();

  /** What the form holds: a new merchant, or the one being changed ({@code editing}). */
  public static class Form implements Serializable {
    private static final long serialVersionUID = 1L;
    boolean editing;
    String mchId;
    String appId;
    String name;
    String apiKeyRef;
    String certificateRef;
    String certificatePasswordRef;
    ApiVersion apiVersion = ApiVersion.V2;
    String spMchId;
    String spAppId;
    String subAppId;
    String v3PrivateKeyRef;
    String v3CertificateSerial;
    String apiV3KeyRef;
    String v3PublicKeyId;
    String v3PublicKeyRef;

    public boolean isEditing() {
      return editing;
    }

    public String getMchId() {
      return mchId;
    }

    public void setMchId(String mchId) {
      this.mchId = mchId;
    }

    public String getAppId() {
      return appId;
    }

    public void setAppId(String appId) {
      this.appId = appId;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getApiKeyRef() {
      return apiKeyRef;
    }

    public void setApiKeyRef(String apiKeyRef) {
      this.apiKeyRef = apiKeyRef;
    }

    public String getCertificateRef() {
      return certificateRef;
    }

    public void setCertificateRef(String certificateRef) {
      this.certificateRef = certificateRef;
    }

    public String getCertificatePasswordRef() {
      return certificatePasswordRef;
    }

    public void setCertificatePasswordRef(String certificatePasswordRef) {
      this.certificatePasswordRef = certificatePasswordRef;
    }

    public ApiVersion getApiVersion() {
      return apiVersion;
    }

    public void setApiVersion(ApiVersion apiVersion) {
      this.apiVersion = apiVersion;
    }

    public String getSpMchId() {
      return spMchId;
    }

    public void setSpMchId(String spMchId) {
      this.spMchId = spMchId;
    }

    public String getSpAppId() {
      return spAppId;
    }

    public void setSpAppId(String spAppId) {
      this.spAppId = spAppId;
    }

    public String getSubAppId() {
      return subAppId;
    }

    public void setSubAppId(String subAppId) {
      this.subAppId = subAppId;
    }

    public String getV3PrivateKeyRef() {
      return v3PrivateKeyRef;
    }

    public void setV3PrivateKeyRef(String v3PrivateKeyRef) {
      this.v3PrivateKeyRef = v3PrivateKeyRef;
    }

    public String getV3CertificateSerial() {
      return v3CertificateSerial;
    }

    public void setV3CertificateSerial(String v3CertificateSerial) {
      this.v3CertificateSerial = v3CertificateSerial;
    }

    public String getApiV3KeyRef() {
      return apiV3KeyRef;
    }

    public void setApiV3KeyRef(String apiV3KeyRef) {
      this.apiV3KeyRef = apiV3KeyRef;
    }

    public String getV3PublicKeyId() {
      return v3PublicKeyId;
    }

    public void setV3PublicKeyId(String v3PublicKeyId) {
      this.v3PublicKeyId = v3PublicKeyId;
    }

    public String getV3PublicKeyRef() {
      return v3PublicKeyRef;
    }

    public void setV3PublicKeyRef(String v3PublicKeyRef) {
      this.v3PublicKeyRef = v3PublicKeyRef;
    }

    MerchantSettings settings() {
      return new MerchantSettings(
          trim(appId),
          name,
          apiVersion == ApiVersion.V3
              ? SecretReference.parseOptional(apiKeyRef)
              : SecretReference.parse(apiKeyRef),
          SecretReference.parseOptional(certificateRef),
          SecretReference.parseOptional(certificatePasswordRef),
          apiVersion,
          blank(spMchId) && blank(spAppId) && blank(subAppId)
              ? null
              : new ServiceProvider(trim(spMchId), trim(spAppId), trim(subAppId)),
          apiV3Keys());
    }

    /** None when every v3 field is blank; otherwise the references parsed (the entity checks). */
    private ApiV3Keys apiV3Keys() {
      return ApiV3Keys.ofText(
          v3PrivateKeyRef, v3CertificateSerial, apiV3KeyRef, v3PublicKeyId, v3PublicKeyRef);
    }
  }

  @PostConstruct
  void load() {
    all = registry.list();
  }

  /** Registers the form's merchant, or saves the one being changed. */
  public void save() {
    String mchId = trim(form.mchId);
    MerchantView saved =
        form.editing
            ? Feedback.call(
                () -> registry.change(mchId, form.settings()), "merchants.changed", mchId)
            : Feedback.call(
                () -> registry.register(mchId, form.settings()), "merchants.registered", mchId);
    if (saved != null) {
      clear();
      load();
    }
  }

  /** Puts a merchant's settings in the form, to change them. */
  public void edit(String mchId) {
    MerchantView m = all.stream().filter(v -> v.mchId().equals(mchId)).findFirst().orElse(null);
    if (m == null) {
      return;
    }
    form.editing = true;
    form.mchId = m.mchId();
    form.appId = m.appId();
    form.name = m.name();
    form.apiKeyRef = m.apiKeyRef();
    form.certificateRef = m.certificateRef();
    form.certificatePasswordRef = m.certificatePasswordRef();
    form.apiVersion = m.apiVersion();
    form.spMchId = m.spMchId();
    form.spAppId = m.spAppId();
    form.subAppId = m.subAppId();
    form.v3PrivateKeyRef = m.v3PrivateKeyRef();
    form.v3CertificateSerial = m.v3CertificateSerial();
    form.apiV3KeyRef = m.apiV3KeyRef();
    form.v3PublicKeyId = m.v3PublicKeyId();
    form.v3PublicKeyRef = m.v3PublicKeyRef();
  }

  public void clear() {
    form.editing = false;
    form.mchId = null;
    form.appId = null;
    form.name = null;
    form.apiKeyRef = null;
    form.certificateRef = null;
    form.certificatePasswordRef = null;
    form.apiVersion = ApiVersion.V2;
    form.spMchId = null;
    form.spAppId = null;
    form.subAppId = null;
    form.v3PrivateKeyRef = null;
    form.v3CertificateSerial = null;
    form.apiV3KeyRef = null;
    form.v3PublicKeyId = null;
    form.v3PublicKeyRef = null;
  }

  public void disable(String mchId) {
    if (Feedback.run(() -> registry.disable(mchId), "merchants.disabled", mchId)) {
      load();
    }
  }

  public void enable(String mchId) {
    if (Feedback.run(() -> registry.enable(mchId), "merchants.enabled", mchId)) {
      load();
    }
  }

  public List<MerchantView> getMerchants() {
    return all;
  }

  public Form getForm() {
    return form;
  }

  public ApiVersion[] getApiVersions() {
    return ApiVersion.values();
  }

  private static String trim(String value) {
    return value == null ? null : value.strip();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
