package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.console.ConsoleVisitor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * An IdP as an OAuth client of the gateway, the way Okta's OAuth mode and Entra's client
 * credentials talk to it: the authorization request through an admin's browser, then token,
 * refresh and revocation requests with the client's id and secret.
 */
record OAuthIdp(WebTestClient http, String clientId, String clientSecret) {

    private static final Pattern HIDDEN = Pattern.compile("name=\"(continue|request)\" value=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What an authorization request carries; null parts are left out. */
    record Ask(String redirectUri, String state, String codeChallenge, String scope) {

        String query(String clientId) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/console/oauth/authorize")
                    .queryParam("response_type", "code").queryParam("client_id", clientId)
                    .queryParam("redirect_uri", redirectUri).queryParam("state", state);
            if (codeChallenge != null) {
                uri.queryParam("code_challenge", codeChallenge).queryParam("code_challenge_method", "S256");
            }
            if (scope != null) {
                uri.queryParam("scope", scope);
            }
            return uri.encode().build().toUriString();
        }
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The authorization request's answer to the browser of a signed-in admin: the consent page, or a refusal. */
    EntityExchangeResult<String> open(ConsoleVisitor browser, Ask ask) {
        return browser.follow(ask.query(clientId));
    }

    /** The admin approves on the consent page just opened; the Location the browser is sent to. */
    static URI approve(ConsoleVisitor browser, EntityExchangeResult<String> consent, String decision) {
        assertThat(consent.getStatus().value()).as(consent.getResponseBody()).isEqualTo(200);
        EntityExchangeResult<String> answer = browser.post("/console/oauth/authorize", "request",
                hidden(consent.getResponseBody(), "request"), "decision", decision);
        assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(303);
        return answer.getResponseHeaders().getLocation();
    }

    /** The whole dance for an admin already signed in: the code the client receives at its redirect URI. */
    String authorize(ConsoleVisitor browser, Ask ask) {
        URI back = approve(browser, open(browser, ask), "approve");
        assertThat(back.toString()).startsWith(ask.redirectUri() + "?");
        Map<String, String> params = query(back);
        // RFC 9207: the answer names the authorization server, as this browser reaches it.
        assertThat(params).containsEntry("state", ask.state()).containsEntry("iss", browser.origin());
        return params.get("code");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        UriComponentsBuilder.fromUri(uri).build().getQueryParams().forEach((name, values) ->
                params.put(name, java.net.URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
        return params;
    }

    /** The value of a hidden field of a console page, as the browser would send it. */
    static String hidden(String page, String name) {
        Matcher field = HIDDEN.matcher(page);
        while (field.find()) {
            if (field.group(1).equals(name)) {
                return HtmlUtils.htmlUnescape(field.group(2));
            }
        }
        throw new AssertionError("No hidden field " + name + " in " + page);
    }

    /** A token request with client_secret_basic. */
    WebTestClient.ResponseSpec token(String... fields) {
        return post("/oauth2/token", true, fields);
    }

    /** A token request with client_secret_post: the id and secret in the form. */
    WebTestClient.ResponseSpec tokenByPost(String... fields) {
        String[] all = java.util.stream.Stream.concat(List.of("client_id", clientId, "client_secret", clientSecret).stream(),
                java.util.Arrays.stream(fields)).toArray(String[]::new);
        return post("/oauth2/token", false, all);
    }

    WebTestClient.ResponseSpec revoke(String token) {
        return post("/oauth2/revoke", true, "token", token);
    }

    JsonNode exchange(String code, String redirectUri, String verifier) {
        return tokens(token("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier));
    }

    JsonNode refresh(String refreshToken) {
        return tokens(token("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    static JsonNode tokens(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Asserts an RFC 6749 §5.2 error and returns its description. */
    static String refused(WebTestClient.ResponseSpec response, int status, String error) {
        JsonNode body = response.expectStatus().isEqualTo(status)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(body.get("error").stringValue()).as(body.toString()).isEqualTo(error);
        return body.has("error_description") ? body.get("error_description").stringValue() : "";
    }

    private WebTestClient.ResponseSpec post(String path, boolean basic, String... fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(fields[i], fields[i + 1]);
        }
        return http.post().uri(path)
                .headers(headers -> {
                    if (basic) {
                        headers.setBasicAuth(clientId, clientSecret);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }
}
