package dev.meshmall.auth.biz;

/** What login and refresh answer: a signed access token, a new opaque refresh token, and the access lifetime. */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds) {
    @Override
    public String toString() {
        return "TokenPair[expiresInSeconds=" + expiresInSeconds + "]";
    }
}
