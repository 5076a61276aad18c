package dev.meshmall.platform.grpc;

import java.util.logging.Logger;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Sends a unary call once more when the connection under it was ended with GOAWAY PROTOCOL_ERROR before any answer
 * came. Helidon 4.5's HTTP/2 server ends a whole connection when a late frame of a stream it has already forgotten
 * (a reset, say) arrives while a newer stream is open ({@code Http2Connection.stream}: "was never created and has
 * lower ID than last"), which fails whichever call is in flight on it, a call that may or may not have been served.
 * Every shop method is safe to send twice (a keyed change, a read, or an idempotent one), so the call is repeated
 * once on a fresh stream; any other failure, and a second one, reaches the caller as it is.
 */
public final class GoAwayRetry implements ClientInterceptor {
    private static final Logger LOG = Logger.getLogger(GoAwayRetry.class.getName());

    /** The failure grpc-java reports for a stream its server's GOAWAY PROTOCOL_ERROR cut off. */
    static boolean cutOffByGoAway(Status status) {
        String description = status.getDescription();
        return status.getCode() == Status.Code.INTERNAL && description != null
                && description.contains("GOAWAY") && description.contains("PROTOCOL_ERROR");
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            return next.newCall(method, options);
        }
        return new Retrying<>(method, options, next);
    }

    /** A unary call that keeps its headers and message until it is answered, to send them again once. */
    private static final class Retrying<Q, R> extends ClientCall<Q, R> {
        private final MethodDescriptor<Q, R> method;
        private final CallOptions options;
        private final Channel next;
        private volatile ClientCall<Q, R> current;
        private Listener<R> listener;
        private Metadata headers;
        private Q message;
        private int requested;
        private boolean retried;

        Retrying(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            this.method = method;
            this.options = options;
            this.next = next;
        }

        @Override
        public void start(Listener<R> responseListener, Metadata requestHeaders) {
            listener = responseListener;
            headers = new Metadata();
            headers.merge(requestHeaders);
            current = attempt(requestHeaders);
        }

        private ClientCall<Q, R> attempt(Metadata attemptHeaders) {
            ClientCall<Q, R> call = next.newCall(method, options);
            call.start(new Listener<>() {
                private boolean answered;

                @Override
                public void onHeaders(Metadata responseHeaders) {
                    listener.onHeaders(responseHeaders);
                }

                @Override
                public void onMessage(R response) {
                    answered = true;
                    listener.onMessage(response);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    if (!answered && !retried && message != null && cutOffByGoAway(status)) {
                        retried = true;
                        LOG.warning("a call of " + method.getFullMethodName() + " was cut off by its server's GOAWAY"
                                + " PROTOCOL_ERROR; sending it once more");
                        Metadata again = new Metadata();
                        again.merge(headers);
                        current = attempt(again);
                        current.request(requested);
                        current.sendMessage(message);
                        current.halfClose();
                        return;
                    }
                    listener.onClose(status, trailers);
                }

                @Override
                public void onReady() {
                    listener.onReady();
                }
            }, attemptHeaders);
            return call;
        }

        @Override
        public void request(int numMessages) {
            requested += numMessages;
            current.request(numMessages);
        }

        @Override
        public void cancel(String reason, Throwable cause) {
            current.cancel(reason, cause);
        }

        @Override
        public void halfClose() {
            current.halfClose();
        }

        @Override
        public void sendMessage(Q request) {
            message = request;
            current.sendMessage(request);
        }

        @Override
        public boolean isReady() {
            return current.isReady();
        }
    }
}
