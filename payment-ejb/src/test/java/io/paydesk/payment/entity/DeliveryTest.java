package io.paydesk.payment.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The delivery details' rules: required fields, mainland phone formats, and the masking. */
class DeliveryTest {

  static Delivery with(String phone) {
    return new Delivery("张三", phone, "广东省", "深圳市", "南山区", "科技园路 1 号", "请放门卫");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "13800138000",
        "19912345678",
        "+8613800138000",
        "86 13800138000",
        "010-12345678",
        "0755-1234567",
        "075512345678",
        "021-87654321-801"
      })
  void mainlandMobileAndLandlineNumbersAreAccepted(String phone) {
    assertThat(with(phone).phone()).isEqualTo(phone);
    assertThat(Pattern.matches(Delivery.PHONE, phone)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"12800138000", "1380013800", "138001380001", "+1 415 555 0100", "010-1234", "abc"})
  void otherNumbersAreRefusedWithAnAnswerNamingTheField(String phone) {
    assertThatThrownBy(() -> with(phone))
        .isInstanceOf(PayDeskException.class)
        .hasMessageContaining("delivery.phone")
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(Pattern.matches(Delivery.PHONE, phone)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "13800138000, 138****8000",
    "+8613800138000, +86138****8000",
    "010-12345678, 010****5678",
    "0755-1234567-801, 075****-801"
  })
  void listsSeeTheFirstThreeAndLastFourOnly(String phone, String masked) {
    assertThat(Delivery.mask(phone)).isEqualTo(masked);
    assertThat(with(phone).toString()).doesNotContain(phone).doesNotContain("张三");
  }

  @Test
  void everyPartOfTheAddressIsRequiredAndTheNoteIsOptional() {
    assertThatThrownBy(() -> new Delivery(" ", "13800138000", "广东省", "深圳市", "南山区", "路", null))
        .hasMessageContaining("delivery.recipientName");
    assertThatThrownBy(() -> new Delivery("张三", "13800138000", "广东省", "", "南山区", "路", null))
        .hasMessageContaining("delivery.city");
    assertThatThrownBy(
            () -> new Delivery("张三", "13800138000", "广东省", "深圳市", "南山区", "路", "x".repeat(201)))
        .hasMessageContaining("delivery.note");
    Delivery d = new Delivery(" 张三 ", "13800138000", "广东省", "深圳市", "南山区", "路 1 号", "  ");
    assertThat(d.recipientName()).isEqualTo("张三");
    assertThat(d.note()).isNull();
    assertThat(d.address()).isEqualTo("广东省 深圳市 南山区 路 1 号");
  }
}
