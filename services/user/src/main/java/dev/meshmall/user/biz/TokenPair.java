package dev.meshmall.user.biz;

/** The tokens auth issued for a login. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    @Override
    public String toString() {
        return "TokenPair[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
