package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthChallengeTest {
  @Test
  void parsesSeveralChallengesInOneField() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"");
    assertEquals(2, challenges.size());
    AuthChallenge newauth = challenges.get(0);
    assertEquals("Newauth", newauth.scheme());
    assertEquals(Map.of("realm", "apps", "type", "1", "title", "Login to \"apps\""),
        newauth.params());
    assertEquals("simple", challenges.get(1).realm());
    assertTrue(challenges.get(1).isScheme("basic"));
  }

  @Test
  void parsesToken68AndBareSchemes() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        "Negotiate, Bearer abc.DEF-_~+/x==, NTLM , Custom a2V5, Basic realm=x");
    assertEquals(List.of("Negotiate", "Bearer", "NTLM", "Custom", "Basic"),
        challenges.stream().map(AuthChallenge::scheme).toList());
    assertNull(challenges.get(0).token68());
    assertEquals("abc.DEF-_~+/x==", challenges.get(1).token68());
    assertEquals("a2V5", challenges.get(3).token68());
    assertTrue(challenges.get(3).params().isEmpty());
    assertEquals("x", challenges.get(4).realm());
  }

  @Test
  void toleratesWhitespaceEmptyElementsAndCase() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        " ,, Digest  REALM = \"r\" ,, Nonce=abc , qop=\"auth,auth-int\"  ,Basic\trealm=\"b\",");
    assertEquals(2, challenges.size());
    assertEquals("r", challenges.get(0).param("realm"));
    assertEquals("abc", challenges.get(0).param("NONCE"));
    assertEquals("auth,auth-int", challenges.get(0).param("qop"));
    assertEquals("b", challenges.get(1).realm());
  }

  @Test
  void emptyQuotedValueIsAValue() {
    assertEquals("", AuthChallenge.parse("Basic realm=\"\"").get(0).realm());
  }

  @Test
  void collectsChallengesAcrossFields() {
    Headers headers = Headers.of("WWW-Authenticate", "Basic realm=\"a\"",
        "Content-Type", "text/plain",
        "www-authenticate", "Digest realm=\"b\", nonce=\"n\", Bearer",
        "WWW-Authenticate", "Broken realm=\"unterminated",
        "WWW-Authenticate", "Bearer realm=\"c\"");
    List<AuthChallenge> challenges = AuthChallenge.parseAll(headers, "WWW-Authenticate");
    assertEquals(List.of("Basic", "Digest", "Bearer", "Bearer"),
        challenges.stream().map(AuthChallenge::scheme).toList());
    assertEquals("c", challenges.get(3).realm(), "a malformed field does not hide the next one");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic realm=\"open", "=realm", "Basic a=\"x\"\"y\"", "Basic realm=\"x\", =y",
      "Basic realm=x y", "Basic,realm=\"x\"=", "Digest realm=\"x\" nonce=y", "Basic\u00e9"})
  void malformedFieldsAreTypedErrorsWithAnOffset(String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthChallenge.parse(field));
    assertTrue(e.getMessage().contains("at offset"), e.getMessage());
  }

  @Test
  void ofBuildsAChallengeAndRefusesAnOddList() {
    AuthChallenge challenge = AuthChallenge.of("Digest", "Realm", "r", "nonce", "n");
    assertEquals(AuthChallenge.parse("digest realm=r, NONCE=\"n\"").get(0), challenge);
    assertThrows(IllegalArgumentException.class, () -> AuthChallenge.of("Basic", "realm"));
  }

  @Test
  void toStringShowsNoNonce() {
    AuthChallenge challenge = AuthChallenge.parse("Digest realm=\"r\", nonce=\"secret\"").get(0);
    assertEquals("Digest realm=\"r\"", challenge.toString());
  }
}
