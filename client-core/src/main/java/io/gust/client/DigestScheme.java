package io.gust.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import okio.ByteString;

/**
 * The computations of HTTP Digest authentication (RFC 7616): which algorithm and qop a challenge
 * asks for, and the {@code Authorization} field value answering it. Pure and thread-safe: the
 * caller supplies the client nonce and the nonce count.
 */
final class DigestScheme {
  /** The hash algorithms of RFC 7616 §3.2, weakest first. */
  enum Algorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256"),
    SHA_512_256("SHA-512-256", "SHA-512/256");

    final String token;
    final String jdkName;

    Algorithm(String token, String jdkName) {
      this.token = token;
      this.jdkName = jdkName;
    }

    /** Returns the lower-case hex digest of {@code data}. */
    String hash(byte[] data) {
      try {
        return ByteString.of(MessageDigest.getInstance(jdkName).digest(data)).hex();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(jdkName + " is missing from this JDK", e);
      }
    }

    String hash(String text) {
      return hash(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The qop values a client can answer with; NONE is RFC 2069's form without qop. */
  enum Qop {
    NONE(""),
    AUTH("auth"),
    AUTH_INT("auth-int");

    final String token;

    Qop(String token) {
      this.token = token;
    }
  }

  private DigestScheme() {}

  /** Returns the challenge's algorithm (MD5 when absent), or null for one this client lacks. */
  static Algorithm algorithm(AuthChallenge challenge) {
    String name = challenge.param("algorithm");
    if (name == null) {
      return Algorithm.MD5;
    }
    String base = stripSess(name);
    for (Algorithm algorithm : Algorithm.values()) {
      if (algorithm.token.equalsIgnoreCase(base)) {
        return algorithm;
      }
    }
    return null;
  }

  /** Returns whether the challenge asks for a {@code -sess} algorithm. */
  static boolean isSession(AuthChallenge challenge) {
    String name = challenge.param("algorithm");
    return name != null && !stripSess(name).equals(name);
  }

  private static String stripSess(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith("-sess")
        ? name.substring(0, name.length() - "-sess".length()) : name;
  }

  /**
   * Returns the qop to answer with: "auth" when offered (what servers test most), "auth-int" when
   * it is the only one and the body is at hand, NONE for a challenge without qop, or null when no
   * offered qop can be answered.
   */
  static Qop qop(AuthChallenge challenge, boolean bodyAvailable) {
    String offered = challenge.param("qop");
    if (offered == null) {
      return Qop.NONE;
    }
    boolean authInt = false;
    for (String option : offered.split(",")) {
      String trimmed = option.strip();
      if (trimmed.equalsIgnoreCase("auth")) {
        return Qop.AUTH;
      }
      authInt |= trimmed.equalsIgnoreCase("auth-int");
    }
    return authInt && bodyAvailable ? Qop.AUTH_INT : null;
  }

  /** Everything one answer depends on besides the challenge. */
  record Answer(String user, String password, String method, String uri, ByteString body,
      String cnonce, long nonceCount) {}

  /** Returns the {@code Authorization} (or {@code Proxy-Authorization}) field value. */
  static String authorization(AuthChallenge challenge, Qop qop, Answer answer) {
    Algorithm algorithm = algorithm(challenge);
    String realm = nullToEmpty(challenge.realm());
    String nonce = nullToEmpty(challenge.param("nonce"));
    String nc = String.format(Locale.ROOT, "%08x", answer.nonceCount());
    String ha1 = algorithm.hash(answer.user() + ":" + realm + ":" + answer.password());
    if (isSession(challenge)) {
      ha1 = algorithm.hash(ha1 + ":" + nonce + ":" + answer.cnonce());
    }
    String a2 = answer.method() + ":" + answer.uri();
    if (qop == Qop.AUTH_INT) {
      a2 += ":" + algorithm.hash(answer.body() == null ? new byte[0] : answer.body().toByteArray());
    }
    String ha2 = algorithm.hash(a2);
    String response = qop == Qop.NONE
        ? algorithm.hash(ha1 + ":" + nonce + ":" + ha2)
        : algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + answer.cnonce() + ":" + qop.token
            + ":" + ha2);

    StringBuilder field = new StringBuilder("Digest ");
    boolean userhash = "true".equalsIgnoreCase(challenge.param("userhash"));
    if (userhash) {
      field.append("username=").append(quote(algorithm.hash(answer.user() + ":" + realm)));
    } else if (isQuotable(answer.user())) {
      field.append("username=").append(quote(answer.user()));
    } else {
      field.append("username*=UTF-8''").append(percentEncode(answer.user()));
    }
    field.append(", realm=").append(quote(realm))
        .append(", uri=").append(quote(answer.uri()));
    if (challenge.param("algorithm") != null) {
      field.append(", algorithm=").append(challenge.param("algorithm"));
    }
    field.append(", nonce=").append(quote(nonce));
    if (qop != Qop.NONE) {
      field.append(", nc=").append(nc)
          .append(", cnonce=").append(quote(answer.cnonce()))
          .append(", qop=").append(qop.token);
    }
    field.append(", response=").append(quote(response));
    if (challenge.param("opaque") != null) {
      field.append(", opaque=").append(quote(challenge.param("opaque")));
    }
    if (userhash) {
      field.append(", userhash=true");
    }
    return field.toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Whether the user name fits a quoted-string without an encoding (§3.4.4). */
  private static boolean isQuotable(String user) {
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8187's ext-value encoding of a UTF-8 string: attr-char kept, the rest %XX. */
  private static String percentEncode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
