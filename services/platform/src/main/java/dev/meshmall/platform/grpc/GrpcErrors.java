package dev.meshmall.platform.grpc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Domain errors to gRPC statuses and back, in gRPC's rich error model: one {@code google.rpc.Status} whose
 * {@code ErrorInfo} holds the stable code (its reason), the kind and the error's scalar fields, followed by any
 * typed detail of the method's own (a {@code StockShortage}, a {@code PriceChange}). A caller decodes it once,
 * here, and answers its own client with the same problem.
 */
public final class GrpcErrors {
    static final String DOMAIN = "meshmall.dev";
    private static final String KIND = "kind";
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(DomainError error, Message... details) {
        return toStatus(error, Status.Code.valueOf(error.kind().grpcCode()), details);
    }

    /** As {@link #toStatus(DomainError, Message...)}, with the status code a method's contract sets for it. */
    public static StatusRuntimeException toStatus(DomainError error, Status.Code code, Message... details) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder()
                .setReason(error.code())
                .setDomain(DOMAIN)
                .putMetadata(KIND, error.kind().name());
        error.fields().forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                info.putMetadata(name, value.toString());
            }
        });
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(error.detail())
                .addDetails(Any.pack(info.build()));
        for (Message detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /**
     * The domain error a failed call stands for: kind, code and fields from our {@code ErrorInfo}; a status
     * without one maps by its code, and a transport failure's own text stays out of it.
     */
    public static DomainError toDomain(StatusRuntimeException e) {
        String description = e.getStatus().getDescription() == null ? e.getStatus().getCode().name()
                : e.getStatus().getDescription();
        Optional<ErrorInfo> info = detail(e, ErrorInfo.class).filter(i -> i.getDomain().equals(DOMAIN));
        ErrorKind kind = info.map(i -> i.getMetadataMap().get(KIND)).flatMap(GrpcErrors::kind)
                .orElseGet(() -> kind(e.getStatus().getCode()));
        if (info.isPresent()) {
            Map<String, Object> fields = new LinkedHashMap<>(info.get().getMetadataMap());
            fields.remove(KIND);
            return new DomainError(kind, info.get().getReason(), description, fields);
        }
        if (kind == ErrorKind.UNAVAILABLE || kind == ErrorKind.INTERNAL) {
            // a transport failure's own text names hosts, ports and deadlines: it goes to the log, not to clients
            LOG.warning("a call failed: " + e.getStatus().getCode() + " " + description);
            return new DomainError(kind, kind.name().toLowerCase(), kind == ErrorKind.UNAVAILABLE
                    ? "a service the shop depends on is unavailable; try again" : "an unexpected error occurred");
        }
        return new DomainError(kind, kind.name().toLowerCase(), description);
    }

    private static Optional<ErrorKind> kind(String name) {
        return Arrays.stream(ErrorKind.values()).filter(kind -> kind.name().equals(name)).findFirst();
    }

    private static ErrorKind kind(Status.Code code) {
        return switch (code) {
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
    }

    /** The stable code of a failed call: its {@code ErrorInfo} reason, else its status code's name. */
    public static String code(StatusRuntimeException e) {
        return toDomain(e).code();
    }

    /** The first detail of {@code type} in a failed call's status. */
    public static <T extends Message> Optional<T> detail(StatusRuntimeException e, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return Optional.empty();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(type)) {
                try {
                    return Optional.of(detail.unpack(type));
                } catch (InvalidProtocolBufferException broken) {
                    LOG.warning("a call's " + type.getSimpleName() + " detail cannot be read: " + broken.getMessage());
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
