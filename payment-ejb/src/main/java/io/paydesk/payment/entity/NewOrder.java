package io.paydesk.payment.entity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * What a shop asks for when it creates an order. {@code orderNo} is the shop's own order number and
 * its idempotency key; {@code expiresAt} is optional (PayDesk's default time to pay applies).
 */
public record NewOrder(
    @NotBlank(message = "orderNo is required")
        @Size(max = 32, message = "orderNo has at most 32 characters")
        @Pattern(
            regexp = "[0-9A-Za-z_-]*",
            message = "orderNo may contain only letters, digits, '_' and '-'")
        String orderNo,
    @NotBlank(message = "openid is required")
        @Size(max = 128, message = "openid has at most 128 characters")
        String openid,
    @NotNull(message = "amount is required (in fen)")
        @Positive(message = "amount must be a positive number of fen")
        @Max(value = 10_000_000_000L, message = "amount is at most 100,000,000 yuan")
        Long amount,
    @NotBlank(message = "description is required")
        @Size(max = 128, message = "description has at most 128 characters")
        String description,
    Instant expiresAt) {}
