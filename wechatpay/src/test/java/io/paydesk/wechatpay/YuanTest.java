package io.paydesk.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YuanTest {
  @Test
  void yuanTextBecomesExactFen() {
    assertThat(Yuan.toFen("0.01")).isEqualTo(1);
    assertThat(Yuan.toFen("0.1")).isEqualTo(10);
    assertThat(Yuan.toFen("0.0")).isZero();
    assertThat(Yuan.toFen("0")).isZero();
    assertThat(Yuan.toFen("12")).isEqualTo(1200);
    assertThat(Yuan.toFen("12345678.90")).isEqualTo(1234567890);
    assertThat(Yuan.toFen("-0.05")).isEqualTo(-5);
    assertThat(Yuan.toFen("0.010")).isEqualTo(1);
    assertThat(Yuan.toFen("0.29")).isEqualTo(29); // 0.29 * 100 == 28.999999999999996 in double
    assertThat(Yuan.toFen("1.1")).isEqualTo(110);
  }

  @Test
  void feesKeepFiveDecimals() {
    assertThat(Yuan.toUnits("0.00006", 5)).isEqualTo(6);
    assertThat(Yuan.toUnits("-0.01000", 5)).isEqualTo(-1000);
    assertThat(Yuan.fromUnits(6, 5)).isEqualTo("0.00006");
  }

  @Test
  void anythingInexactIsRefused() {
    for (String bad :
        new String[] {"", "-", ".", "0.001", "1,00", "1e3", "¥1", "1.2.3", "+1", " 1"}) {
      assertThatThrownBy(() -> Yuan.toFen(bad)).as(bad).isInstanceOf(NumberFormatException.class);
    }
    assertThatThrownBy(() -> Yuan.toFen("123456789012345678"))
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void fenFormatsAsYuan() {
    assertThat(Yuan.fromFen(1)).isEqualTo("0.01");
    assertThat(Yuan.fromFen(1234)).isEqualTo("12.34");
    assertThat(Yuan.fromFen(-5)).isEqualTo("-0.05");
    assertThat(Yuan.fromFen(0)).isEqualTo("0.00");
  }

  @Test
  void beijingTimeConvertsAtTheEdge() {
    assertThat(BeijingTime.parse("20141030133525"))
        .isEqualTo(java.time.Instant.parse("2014-10-30T05:35:25Z"));
    assertThat(BeijingTime.parse("2014-10-30 13:35:25"))
        .isEqualTo(java.time.Instant.parse("2014-10-30T05:35:25Z"));
    assertThat(BeijingTime.format(java.time.Instant.parse("2014-12-31T16:00:00Z")))
        .isEqualTo("20150101000000");
    assertThatThrownBy(() -> BeijingTime.parse("2014103013352"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BeijingTime.parse("20141330133525"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errCodesMapWithAFallbackThatKeepsTheRawText() {
    assertThat(ErrCode.of("NOTENOUGH")).isEqualTo(ErrCode.NOTENOUGH);
    assertThat(ErrCode.of("SYSTEMERROR")).isEqualTo(ErrCode.SYSTEMERROR);
    assertThat(ErrCode.of("UNRECOGNIZED")).isEqualTo(ErrCode.UNRECOGNIZED);
    WeChatError error = WeChatError.of("NEW_CODE_2030", "新错误");
    assertThat(error.code()).isEqualTo(ErrCode.UNRECOGNIZED);
    assertThat(error.rawCode()).isEqualTo("NEW_CODE_2030");
    assertThat(ErrCode.of(null)).isEqualTo(ErrCode.UNRECOGNIZED);
  }
}
