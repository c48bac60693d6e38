package io.paydesk.wechatpay.bench;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.v3.ApiV3Merchant;
import io.paydesk.wechatpay.v3.crypto.AeadAesGcm;
import io.paydesk.wechatpay.v3.crypto.Pem;
import io.paydesk.wechatpay.v3.crypto.PublicKeyVerifier;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.crypto.SignatureCheck;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.notify.ApiV3NotificationDecoder;
import io.paydesk.wechatpay.v3.notify.PaymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * API v3 payment notifications per second on one thread: signature headers checked (timestamp,
 * serial, SHA256withRSA 2048 over the body), the envelope parsed, the resource decrypted with
 * AEAD_AES_256_GCM and parsed, the merchant checked, the transaction typed. Run with {@code mvn -pl
 * wechatpay -Pbench -DskipTests verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class V3NotificationBenchmark {
  private static final String ID = "PUB_KEY_ID_0114232134912410000000000000";
  private static final String KEY = "a7cde1ZbGy6R2Dm5Kq9Ws3Xt8Vh4Jn0P";

  private ApiV3NotificationDecoder decoder;
  private SignatureHeaders headers;
  private byte[] body;

  @Setup
  public void setUp() throws IOException {
    var privateKey = Pem.privateKey(resource("test_apiclient_key.pem"));
    var publicKey = Pem.publicKey(resource("test_pub_key.pem"));
    Instant now = Instant.parse("2026-12-04T10:00:00Z");
    decoder =
        new ApiV3NotificationDecoder(
            new ApiV3Merchant(
                "wxd678efh567hg6787",
                "1230000109",
                "5157F09EFDC096DE15EBE81A47057A72",
                privateKey,
                Secret.of(KEY)),
            new SignatureCheck(
                new PublicKeyVerifier(ID, publicKey),
                Clock.fixed(now, ZoneOffset.UTC),
                SignatureCheck.DEFAULT_MAX_SKEW));
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("appid", "wxd678efh567hg6787");
    t.put("mchid", "1230000109");
    t.put("out_trade_no", "1217752501201407033233368018");
    t.put("transaction_id", "1217752501201407033233368018");
    t.put("trade_type", "JSAPI");
    t.put("trade_state", "SUCCESS");
    t.put("trade_state_desc", "支付成功");
    t.put("bank_type", "CMC");
    t.put("attach", "自定义数据");
    t.put("success_time", "2018-06-08T10:34:56+08:00");
    t.put("payer", Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
    t.put(
        "amount",
        Map.of("total", 100L, "payer_total", 100L, "currency", "CNY", "payer_currency", "CNY"));
    t.put("promotion_detail", List.of());
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("original_type", "transaction");
    resource.put("algorithm", "AEAD_AES_256_GCM");
    resource.put(
        "ciphertext",
        new AeadAesGcm(Secret.of(KEY)).encrypt("transaction", "fdasflkja484", Json.write(t)));
    resource.put("associated_data", "transaction");
    resource.put("nonce", "fdasflkja484");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", "EV-2018022511223320873");
    e.put("create_time", "2015-05-20T13:29:35+08:00");
    e.put("resource_type", "encrypt-resource");
    e.put("event_type", "TRANSACTION.SUCCESS");
    e.put("summary", "支付成功");
    e.put("resource", resource);
    body = Json.write(e).getBytes(StandardCharsets.UTF_8);
    headers =
        SignatureHeaders.sign(
            new RsaSigner(privateKey), ID, now.getEpochSecond(), "fdasflkja484fdasflkja484", body);
  }

  @Benchmark
  public PaymentEvent parseVerifyDecrypt() {
    return decoder.decodePayment(headers, body);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = V3NotificationBenchmark.class.getResourceAsStream("/v3/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
