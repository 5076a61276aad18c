package dev.meshmall.auth.biz;

/**
 * What someone logging in presents, and where from: the client's address as the edge saw it, since user counts
 * failed passwords per account and client.
 */
public record Credentials(String email, String password, String clientAddress) {
    @Override
    public String toString() {
        return "Credentials[email=" + email + ", clientAddress=" + clientAddress + "]";
    }
}
