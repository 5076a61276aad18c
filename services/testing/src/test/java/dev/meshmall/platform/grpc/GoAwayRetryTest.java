package dev.meshmall.platform.grpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The retry of a call cut off by its server's GOAWAY PROTOCOL_ERROR, against a channel that answers each attempt
 * as it is told (the GOAWAY itself comes from Helidon's server under a race no test can time).
 */
class GoAwayRetryTest {
    private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("probe.Probe/Echo")
            .setRequestMarshaller(new Text())
            .setResponseMarshaller(new Text())
            .build();
    private static final Status CUT_OFF = Status.INTERNAL
            .withDescription("Abrupt GOAWAY closed sent stream. HTTP/2 error code: PROTOCOL_ERROR");

    @Test
    void aCallCutOffByGoAwayIsSentOnceMoreWithItsHeadersAndMessage() {
        Scripted server = new Scripted(CUT_OFF, Status.OK);

        assertThat(call(server), is("answer to hello"));
        assertThat(server.messages, is(List.of("hello", "hello")));
        assertThat(server.tokens, is(List.of("Bearer t", "Bearer t")));
    }

    @Test
    void aSecondCutOffAndAnyOtherFailureReachTheCaller() {
        Scripted twice = new Scripted(CUT_OFF, CUT_OFF, Status.OK);
        assertThat(assertThrows(StatusRuntimeException.class, () -> call(twice)).getStatus().getCode(),
                is(Status.Code.INTERNAL));
        assertThat(twice.messages.size(), is(2));

        Scripted bug = new Scripted(Status.INTERNAL.withDescription("an unexpected error occurred"), Status.OK);
        assertThat(assertThrows(StatusRuntimeException.class, () -> call(bug)).getStatus().getCode(),
                is(Status.Code.INTERNAL));
        assertThat(bug.messages.size(), is(1));

        Scripted refused = new Scripted(Status.UNAVAILABLE, Status.OK);
        assertThat(assertThrows(StatusRuntimeException.class, () -> call(refused)).getStatus().getCode(),
                is(Status.Code.UNAVAILABLE));
        assertThat(refused.messages.size(), is(1));
    }

    private static String call(Channel server) {
        Metadata headers = new Metadata();
        headers.put(GrpcEdge.AUTHORIZATION, "Bearer t");
        Channel channel = ClientInterceptors.intercept(server, new GoAwayRetry(),
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "hello");
    }

    private static final class Text implements MethodDescriptor.Marshaller<String> {
        @Override
        public java.io.InputStream stream(String value) {
            return new java.io.ByteArrayInputStream(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String parse(java.io.InputStream stream) {
            try {
                return new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Answers attempt n with the n-th status (OK: an answer), recording what each attempt carried. */
    private static final class Scripted extends Channel {
        private final Deque<Status> script;
        final List<String> messages = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();

        Scripted(Status... statuses) {
            script = new ArrayDeque<>(List.of(statuses));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
            Status status = script.removeFirst();
            return new ClientCall<>() {
                private Listener<R> listener;
                private Q message;

                @Override
                public void start(Listener<R> responseListener, Metadata headers) {
                    listener = responseListener;
                    tokens.add(headers.get(GrpcEdge.AUTHORIZATION));
                }

                @Override
                public void request(int numMessages) {
                }

                @Override
                public void cancel(String reason, Throwable cause) {
                }

                @Override
                public void halfClose() {
                    if (status.isOk()) {
                        listener.onMessage((R) ("answer to " + message));
                    }
                    listener.onClose(status, new Metadata());
                }

                @Override
                public void sendMessage(Q request) {
                    message = request;
                    messages.add((String) request);
                }
            };
        }

        @Override
        public String authority() {
            return "scripted";
        }
    }
}
