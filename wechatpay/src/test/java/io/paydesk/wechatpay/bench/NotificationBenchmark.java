package io.paydesk.wechatpay.bench;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.notify.NotificationDecoder;
import io.paydesk.wechatpay.notify.PaymentNotification;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Payment notifications parsed (hardened SAX), signature-verified and typed, per second on one
 * thread. Run with {@code mvn -pl wechatpay -Pbench -DskipTests verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NotificationBenchmark {
  @Param({"MD5", "HMAC_SHA256"})
  public String signType;

  private NotificationDecoder decoder;
  private byte[] body;

  @Setup
  public void setUp() {
    SignType type = SignType.valueOf(signType);
    Secret key = Secret.of("192006250b4c09247ec02edce69f6a2d");
    decoder = new NotificationDecoder(new Merchant("wx2421b1c4370ec43b", "10000100", key, type));
    Map<String, String> f = new LinkedHashMap<>();
    f.put("appid", "wx2421b1c4370ec43b");
    f.put("attach", "支付测试");
    f.put("bank_type", "CFT");
    f.put("cash_fee", "1");
    f.put("fee_type", "CNY");
    f.put("is_subscribe", "Y");
    f.put("mch_id", "10000100");
    f.put("nonce_str", "5d2b6c2a8db53831f7eda20af46e531c");
    f.put("openid", "oUpF8uMEb4qRXf22hE3X68TekukE");
    f.put("out_trade_no", "1409811653");
    f.put("result_code", "SUCCESS");
    f.put("return_code", "SUCCESS");
    f.put("sign_type", type.wireName());
    f.put("time_end", "20140903131540");
    f.put("total_fee", "1");
    f.put("trade_type", "JSAPI");
    f.put("transaction_id", "1004400740201409030005092168");
    f.put("sign", new Signer(key).sign(f, type));
    body = WeChatXml.write(f).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public PaymentNotification parseAndVerify() {
    return decoder.decodePayment(body);
  }
}
