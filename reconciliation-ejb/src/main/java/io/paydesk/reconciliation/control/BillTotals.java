package io.paydesk.reconciliation.control;

import java.io.Serializable;
import java.util.List;

/**
 * The bill's summary line as written, and where it disagrees with the bill's rows.
 *
 * @param paymentFen 应结订单总金额 (the payments' total)
 * @param refundFen 退款总金额, when the bill has it
 * @param rowMismatches one text per summary column that disagrees with the rows
 */
public record BillTotals(
    long count, long paymentFen, Long refundFen, long feeMilliFen, List<String> rowMismatches)
    implements Serializable {}
