package io.paydesk.merchant.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.util.regex.Pattern;

/**
 * The service provider (服务商) a merchant belongs to when it is a sub-merchant: the provider's mch_id
 * and appid, and optionally the sub-merchant's own appid ({@code sub_appid}). The merchant's own
 * mch_id is then its {@code sub_mch_id}, and its API key reference names the provider's key, which
 * signs every call made for it.
 */
public record ServiceProvider(String spMchId, String spAppId, String subAppId) {

  static final Pattern MCH_ID = Pattern.compile("[0-9]{1,32}");
  static final Pattern APP_ID = Pattern.compile("[0-9A-Za-z_]{1,32}");

  public ServiceProvider {
    if (spMchId == null || !MCH_ID.matcher(spMchId).matches()) {
      throw invalid("the service provider's mch_id is 1 to 32 digits");
    }
    if (spAppId == null || !APP_ID.matcher(spAppId).matches()) {
      throw invalid("the service provider's appid is 1 to 32 letters, digits or '_'");
    }
    if (subAppId != null && !subAppId.isBlank() && !APP_ID.matcher(subAppId).matches()) {
      throw invalid("sub_appid is 1 to 32 letters, digits or '_'");
    }
    subAppId = subAppId == null || subAppId.isBlank() ? null : subAppId;
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }
}
