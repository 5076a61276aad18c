package dev.meshmall.user.biz;

/** An account with the PHC string of its password, only for checking a password. */
public record Credentials(Account account, String passwordHash) {
    @Override
    public String toString() {
        return "Credentials[account=" + account.id() + "]";
    }
}
