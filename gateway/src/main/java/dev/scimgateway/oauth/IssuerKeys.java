package dev.scimgateway.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import java.io.Closeable;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.Key;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published keys of trusted issuers, one Nimbus JWK source per JWKS URL: cached for
 * {@code cacheTtl}; a key id not in the cached set fetches the set again, at most twice per
 * {@code minRefreshInterval} per URL, so made-up key ids cannot make the gateway flood an issuer;
 * while a JWKS endpoint is down, the set it published last still verifies for {@code outageTolerance}.
 *
 * <p>Nimbus fetches with a blocking HTTP client and waits on a lock while another thread refreshes
 * the same set, so {@link #verify} must be called off the event loop (the authenticator runs it on
 * the bounded elastic scheduler). At most one fetch per URL runs at a time (the cache's lock), and
 * at most {@link #MAX_SOURCES} URLs are kept, the least recently used dropped first.
 */
public final class IssuerKeys {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    /** Asymmetric algorithms only: with a symmetric one, the issuer's public key would be the shared secret. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.copyOf(union(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC));
    static final int MAX_SOURCES = 1000;
    /** A JWK set of an IdP is a few kilobytes; anything much larger is not one. */
    private static final int MAX_BYTES = 256 * 1024;
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    /** What became of a signature check. */
    enum Outcome {
        VERIFIED, NO_SUCH_KEY, BAD_SIGNATURE, KEYS_UNAVAILABLE
    }

    /**
     * @param cacheTtl how long a fetched set is used before it is fetched again
     * @param minRefreshInterval the interval in which at most two fetches of one URL are made
     * @param outageTolerance how long the set fetched last still serves while its URL fails
     * @param fetchTimeout connect and read timeout of one fetch
     */
    public record Settings(Duration cacheTtl, Duration minRefreshInterval, Duration outageTolerance, Duration fetchTimeout) {}

    private final Settings settings;
    private final Map<String, JWKSource<SecurityContext>> sources = new LinkedHashMap<>(16, 0.75f, true);

    public IssuerKeys(Settings settings) {
        if (settings.cacheTtl().compareTo(settings.minRefreshInterval()) <= 0) {
            // Nimbus refuses it too: a cache that expires between two allowed fetches would leave JWTs without keys.
            throw new IllegalArgumentException("The keys' cache TTL (" + settings.cacheTtl() + ") must be longer than"
                    + " their minimum refresh interval (" + settings.minRefreshInterval() + ")");
        }
        this.settings = settings;
    }

    /** Blocking: checks the JWT's signature with the keys published at {@code jwksUri}. */
    Outcome verify(SignedJWT jwt, String jwksUri) {
        JWSVerificationKeySelector<SecurityContext> selector = new JWSVerificationKeySelector<>(ALGORITHMS, source(jwksUri));
        List<? extends Key> keys;
        try {
            keys = selector.selectJWSKeys(jwt.getHeader(), null);
        } catch (RateLimitReachedException e) {
            // The set was just fetched and does not hold the key: it is not published.
            return Outcome.NO_SUCH_KEY;
        } catch (KeySourceException e) {
            log.debug("The keys at {} could not be fetched: {}", jwksUri, e.toString());
            return Outcome.KEYS_UNAVAILABLE;
        }
        if (keys.isEmpty()) {
            return Outcome.NO_SUCH_KEY;
        }
        for (Key key : keys) {
            try {
                if (jwt.verify(VERIFIERS.createJWSVerifier(jwt.getHeader(), key))) {
                    return Outcome.VERIFIED;
                }
            } catch (JOSEException | IllegalStateException e) {
                // A key of the wrong kind or size for the header's algorithm proves nothing; try the next.
            }
        }
        return Outcome.BAD_SIGNATURE;
    }

    private synchronized JWKSource<SecurityContext> source(String jwksUri) {
        JWKSource<SecurityContext> source = sources.get(jwksUri);
        if (source == null) {
            if (sources.size() >= MAX_SOURCES) {
                var eldest = sources.entrySet().iterator();
                close(eldest.next().getValue());
                eldest.remove();
            }
            source = build(jwksUri);
            sources.put(jwksUri, source);
        }
        return source;
    }

    private JWKSource<SecurityContext> build(String jwksUri) {
        int timeout = (int) settings.fetchTimeout().toMillis();
        URL url;
        try {
            url = URI.create(jwksUri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("A checked jwksUri is not a URL", e);
        }
        return JWKSourceBuilder.<SecurityContext>create(url, new NoRedirects(timeout, MAX_BYTES))
                // Those waiting for another thread's fetch wait as long as it may take: connect, then read.
                .cache(settings.cacheTtl().toMillis(), 2 * settings.fetchTimeout().toMillis() + 1000)
                .rateLimited(settings.minRefreshInterval().toMillis())
                .outageTolerant(settings.outageTolerance().toMillis())
                .retrying(false)
                .refreshAheadCache(false)
                .build();
    }

    private static void close(JWKSource<SecurityContext> source) {
        if (source instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                log.debug("Closing a JWK source failed: {}", e.toString());
            }
        }
    }

    private static Set<JWSAlgorithm> union(JWSAlgorithm.Family first, JWSAlgorithm.Family second) {
        Set<JWSAlgorithm> all = new HashSet<>(first);
        all.addAll(second);
        return all;
    }

    /** A redirect could lead the fetch anywhere, past the checks made on the configured URL: none is followed. */
    private static final class NoRedirects extends DefaultResourceRetriever {

        NoRedirects(int timeoutMillis, int maxBytes) {
            super(timeoutMillis, timeoutMillis, maxBytes);
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }
}
