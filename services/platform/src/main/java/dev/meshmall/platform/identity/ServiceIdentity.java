package dev.meshmall.platform.identity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload's identity as SPIFFE and Istio name it, {@code spiffe://<trust domain>/ns/<namespace>/sa/<account>}:
 * the mesh's {@code cluster.local}, or {@code meshmall.local} for the shop's own certificates outside the mesh.
 * The account is the service's name ({@code order}).
 */
public record ServiceIdentity(String trustDomain, String namespace, String account) {
    public static final String LOCAL_TRUST_DOMAIN = "meshmall.local";
    public static final String NAMESPACE = "meshmall";
    private static final Pattern SPIFFE = Pattern.compile("spiffe://([^/]+)/ns/([^/]+)/sa/([^/]+)");

    public static ServiceIdentity local(String account) {
        return new ServiceIdentity(LOCAL_TRUST_DOMAIN, NAMESPACE, account);
    }

    public static Optional<ServiceIdentity> parse(String uri) {
        Matcher m = SPIFFE.matcher(uri);
        return m.matches() ? Optional.of(new ServiceIdentity(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    public String uri() {
        return "spiffe://" + trustDomain + "/ns/" + namespace + "/sa/" + account;
    }

    /** Istio's form of the same identity in an AuthorizationPolicy: the URI without its scheme. */
    public String principal() {
        return trustDomain + "/ns/" + namespace + "/sa/" + account;
    }
}
