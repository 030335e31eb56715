package dev.scimgateway.console;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A browser without a browser: keeps the cookies the console sets, and sends forms with the CSRF
 * field of the page it last read. It connects from a loopback address of its choosing
 * (127.0.0.x), so that per-address sign-in limits of one test do not touch another's.
 */
public final class ConsoleVisitor {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    private final WebTestClient http;
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf = "";

    public ConsoleVisitor(int port, String fromAddress) {
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .bindAddress(() -> new InetSocketAddress(fromAddress, 0));
        this.base = "http://127.0.0.1:" + port;
        this.http = WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
                .baseUrl(base)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Where this visitor reaches the gateway, e.g. {@code http://127.0.0.1:8080}: the issuer it is answered by. */
    public String origin() {
        return base;
    }

    public EntityExchangeResult<String> get(String path) {
        return remember(http.get().uri(path).headers(this::sendCookies).exchange().expectBody(String.class).returnResult());
    }

    /** An absolute URL, as it came in a Location header: sent as it is, with this visitor's cookies. */
    EntityExchangeResult<String> get(java.net.URI uri) {
        return remember(http.get().uri(uri).headers(this::sendCookies).exchange().expectBody(String.class).returnResult());
    }

    /** Follows a Location as a browser would: the path and query sent as they are, already encoded. */
    public EntityExchangeResult<String> follow(String location) {
        return get(java.net.URI.create(base + location));
    }

    /** Posts the form with the CSRF field of the last page read. */
    public EntityExchangeResult<String> post(String path, String... fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", csrf);
        for (int i = 0; i < fields.length; i += 2) {
            form.add(fields[i], fields[i + 1]);
        }
        return postForm(path, form);
    }

    /** Posts the form as a page of another site would: the fields, and no CSRF field. */
    EntityExchangeResult<String> postWithoutCsrf(String path, String... fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(fields[i], fields[i + 1]);
        }
        return postForm(path, form);
    }

    /** Opens the sign-in page and signs in; the answer to the sign-in POST. */
    public EntityExchangeResult<String> signIn(String key) {
        get("/console/");
        return post("/console/sign-in", "key", key);
    }

    @Nullable String cookie(String name) {
        return cookies.get(name);
    }

    private EntityExchangeResult<String> postForm(String path, MultiValueMap<String, String> form) {
        return remember(http.post().uri(path).headers(this::sendCookies).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange().expectBody(String.class).returnResult());
    }

    private void sendCookies(HttpHeaders headers) {
        if (!cookies.isEmpty()) {
            headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
    }

    private EntityExchangeResult<String> remember(EntityExchangeResult<String> result) {
        for (ResponseCookie cookie : result.getResponseCookies().toSingleValueMap().values()) {
            if (cookie.getMaxAge().isZero() || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        String body = result.getResponseBody();
        if (body != null) {
            Matcher field = CSRF_FIELD.matcher(body);
            if (field.find()) {
                csrf = org.springframework.web.util.HtmlUtils.htmlUnescape(field.group(1));
            }
        }
        return result;
    }
}
