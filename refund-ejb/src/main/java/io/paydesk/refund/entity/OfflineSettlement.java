package io.paydesk.refund.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;

/**
 * What finance records when a refund that failed at the buyer's bank card (CHANGE) was paid another
 * way: how, the transfer's or receipt's reference, and a note. The reference is required for a bank
 * transfer (the bank's serial number is what an auditor follows); the note for "other".
 */
public record OfflineSettlement(OfflineMethod method, String reference, String note) {

  public static final int MAX_REFERENCE = 64;
  public static final int MAX_NOTE = 256;

  /**
   * @throws PayDeskException INVALID_REQUEST, saying what is missing or too long
   */
  public OfflineSettlement {
    reference = blankToNull(reference);
    note = blankToNull(note);
    if (method == null) {
      throw invalid("method is required: BANK_TRANSFER, CASH or OTHER");
    }
    if (reference != null && reference.length() > MAX_REFERENCE) {
      throw invalid("reference has at most " + MAX_REFERENCE + " characters");
    }
    if (note != null && note.length() > MAX_NOTE) {
      throw invalid("note has at most " + MAX_NOTE + " characters");
    }
    if (method == OfflineMethod.BANK_TRANSFER && reference == null) {
      throw invalid("a bank transfer needs its reference (the bank's serial number)");
    }
    if (method == OfflineMethod.OTHER && note == null) {
      throw invalid("say in the note how the buyer was paid");
    }
  }

  /** The history row's reason: how, and the reference. */
  String describe() {
    return "settled offline: "
        + method
        + (reference == null ? "" : " reference " + reference)
        + (note == null ? "" : "; " + note);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }
}
