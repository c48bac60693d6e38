package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.Secret;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The merchant certificate {@code apiclient_cert.p12} (PKCS#12) presented on {@code /secapi/*}; its
 * password is the mch_id unless it was changed. The password never appears in toString().
 */
public record ClientCertificate(Path p12, Secret password) {
  public ClientCertificate {
    Objects.requireNonNull(p12, "p12");
    Objects.requireNonNull(password, "password");
  }
}
