package dev.meshmall.platform.grpc;

import java.util.Map;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Domain errors to gRPC statuses and back. The stable error code travels in the {@code meshmall-error-code}
 * trailer so a service calling another can answer its own client with the same problem.
 */
public final class GrpcErrors {
    public static final Metadata.Key<String> CODE = Metadata.Key.of("meshmall-error-code", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> KIND = Metadata.Key.of("meshmall-error-kind", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(DomainError error) {
        Metadata trailers = new Metadata();
        trailers.put(CODE, error.code());
        trailers.put(KIND, error.kind().name());
        Status status = Status.fromCode(Status.Code.valueOf(error.kind().grpcCode())).withDescription(error.detail());
        return status.asRuntimeException(trailers);
    }

    /** The domain error a failed call stands for; a status without our trailers maps by its code. */
    public static DomainError toDomain(StatusRuntimeException e) {
        Metadata trailers = e.getTrailers();
        String description = e.getStatus().getDescription() == null ? e.getStatus().getCode().name()
                : e.getStatus().getDescription();
        if (trailers != null && trailers.get(KIND) != null) {
            return new DomainError(ErrorKind.valueOf(trailers.get(KIND)), trailers.get(CODE), description);
        }
        ErrorKind kind = switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT -> ErrorKind.INVALID;
            case UNAUTHENTICATED -> ErrorKind.UNAUTHENTICATED;
            case PERMISSION_DENIED -> ErrorKind.FORBIDDEN;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case ALREADY_EXISTS -> ErrorKind.ALREADY_EXISTS;
            case FAILED_PRECONDITION, ABORTED -> ErrorKind.CONFLICT;
            case RESOURCE_EXHAUSTED -> ErrorKind.TOO_MANY_ATTEMPTS;
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> ErrorKind.UNAVAILABLE;
            default -> ErrorKind.INTERNAL;
        };
        if (kind == ErrorKind.UNAVAILABLE || kind == ErrorKind.INTERNAL) {
            // a transport failure's own text names hosts, ports and deadlines: it goes to the log, not to clients
            LOG.warning("a call failed: " + e.getStatus().getCode() + " " + description);
            return new DomainError(kind, kind.name().toLowerCase(), kind == ErrorKind.UNAVAILABLE
                    ? "a service the shop depends on is unavailable; try again" : "an unexpected error occurred");
        }
        return new DomainError(kind, kind.name().toLowerCase(), description, Map.of());
    }
}
