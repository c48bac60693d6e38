package io.paydesk.sandbox;

/**
 * A business failure WeChat reports as {@code result_code=FAIL} with {@code err_code} and {@code
 * err_code_des}, in a signed answer.
 */
final class BusinessError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errCode;

  BusinessError(String errCode, String description) {
    super(description, null, false, false);
    this.errCode = errCode;
  }

  String errCode() {
    return errCode;
  }

  String description() {
    return getMessage();
  }
}
