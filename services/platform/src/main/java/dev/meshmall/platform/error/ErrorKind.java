package dev.meshmall.platform.error;

/**
 * What went wrong, independent of the transport. Each kind has one HTTP status and one gRPC status code
 * (the names of {@code io.grpc.Status.Code}), so the two APIs always agree.
 */
public enum ErrorKind {
    MALFORMED(400, "INVALID_ARGUMENT", "Malformed request"),
    UNAUTHENTICATED(401, "UNAUTHENTICATED", "Unauthenticated"),
    PAYMENT_DECLINED(402, "FAILED_PRECONDITION", "Payment declined"),
    FORBIDDEN(403, "PERMISSION_DENIED", "Forbidden"),
    NOT_FOUND(404, "NOT_FOUND", "Not found"),
    CONFLICT(409, "FAILED_PRECONDITION", "Conflict"),
    ALREADY_EXISTS(409, "ALREADY_EXISTS", "Already exists"),
    TOO_LARGE(413, "INVALID_ARGUMENT", "Payload too large"),
    INVALID(422, "INVALID_ARGUMENT", "Invalid field"),
    TOO_MANY_ATTEMPTS(429, "RESOURCE_EXHAUSTED", "Too many attempts"),
    INTERNAL(500, "INTERNAL", "Internal error"),
    UNAVAILABLE(503, "UNAVAILABLE", "Service unavailable");

    private final int httpStatus;
    private final String grpcCode;
    private final String title;

    ErrorKind(int httpStatus, String grpcCode, String title) {
        this.httpStatus = httpStatus;
        this.grpcCode = grpcCode;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String grpcCode() {
        return grpcCode;
    }

    public String title() {
        return title;
    }
}
