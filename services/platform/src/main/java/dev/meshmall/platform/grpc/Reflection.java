package dev.meshmall.platform.grpc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.reflection.v1alpha.ErrorResponse;
import io.grpc.reflection.v1alpha.FileDescriptorResponse;
import io.grpc.reflection.v1alpha.ListServiceResponse;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.StreamObserver;

/**
 * gRPC server reflection (v1alpha, which grpcurl and evans speak) over the proto files of the services a server
 * hosts: their names, and each file with its imports. Ours because neither ready-made one works on a named socket
 * of Helidon 4.5: Helidon's {@code GrpcReflectionFeature} reads the routings of the default socket and lists
 * nothing there, and grpc-java's {@code ProtoReflectionService} needs grpc-java's own server.
 */
public final class Reflection extends ServerReflectionGrpc.ServerReflectionImplBase {
    private final List<String> services;
    private final Map<String, FileDescriptor> filesByName = new LinkedHashMap<>();
    private final Map<String, FileDescriptor> filesBySymbol = new LinkedHashMap<>();

    public Reflection(List<FileDescriptor> files) {
        this.services = files.stream().flatMap(f -> f.getServices().stream()).map(ServiceDescriptor::getFullName).toList();
        Deque<FileDescriptor> pending = new ArrayDeque<>(files);
        while (!pending.isEmpty()) {
            FileDescriptor file = pending.pop();
            if (filesByName.putIfAbsent(file.getName(), file) == null) {
                index(file);
                pending.addAll(file.getDependencies());
            }
        }
    }

    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(StreamObserver<ServerReflectionResponse> responses) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionRequest request) {
                responses.onNext(answer(request));
            }

            @Override
            public void onError(Throwable t) {
                // the client went away; nothing is left to answer
            }

            @Override
            public void onCompleted() {
                responses.onCompleted();
            }
        };
    }

    ServerReflectionResponse answer(ServerReflectionRequest request) {
        ServerReflectionResponse.Builder response = ServerReflectionResponse.newBuilder()
                .setValidHost(request.getHost())
                .setOriginalRequest(request);
        return switch (request.getMessageRequestCase()) {
            case LIST_SERVICES -> response.setListServicesResponse(ListServiceResponse.newBuilder()
                    .addAllService(services.stream().map(name -> ServiceResponse.newBuilder().setName(name).build()).toList()))
                    .build();
            case FILE_BY_FILENAME -> withFile(response, Optional.ofNullable(filesByName.get(request.getFileByFilename())),
                    "file " + request.getFileByFilename());
            case FILE_CONTAINING_SYMBOL -> withFile(response,
                    Optional.ofNullable(filesBySymbol.get(request.getFileContainingSymbol())),
                    "symbol " + request.getFileContainingSymbol());
            default -> response.setErrorResponse(error(Status.Code.UNIMPLEMENTED, "not served: " + request.getMessageRequestCase()))
                    .build();
        };
    }

    /** The file and every file it imports, as grpc-java's own reflection answers, so one answer is enough to decode. */
    private static ServerReflectionResponse withFile(ServerReflectionResponse.Builder response, Optional<FileDescriptor> file,
                                                     String what) {
        if (file.isEmpty()) {
            return response.setErrorResponse(error(Status.Code.NOT_FOUND, what + " not found")).build();
        }
        Set<FileDescriptor> closure = new LinkedHashSet<>();
        Deque<FileDescriptor> pending = new ArrayDeque<>(List.of(file.get()));
        while (!pending.isEmpty()) {
            FileDescriptor next = pending.pop();
            if (closure.add(next)) {
                pending.addAll(next.getDependencies());
            }
        }
        FileDescriptorResponse.Builder files = FileDescriptorResponse.newBuilder();
        closure.forEach(f -> files.addFileDescriptorProto(f.toProto().toByteString()));
        return response.setFileDescriptorResponse(files).build();
    }

    private static ErrorResponse error(Status.Code code, String message) {
        return ErrorResponse.newBuilder().setErrorCode(code.value()).setErrorMessage(message).build();
    }

    private void index(FileDescriptor file) {
        for (ServiceDescriptor service : file.getServices()) {
            filesBySymbol.put(service.getFullName(), file);
            service.getMethods().forEach(method -> filesBySymbol.put(method.getFullName(), file));
        }
        file.getMessageTypes().forEach(message -> index(message, file));
        file.getEnumTypes().forEach(e -> filesBySymbol.put(e.getFullName(), file));
        file.getExtensions().forEach(extension -> filesBySymbol.put(extension.getFullName(), file));
    }

    private void index(Descriptor message, FileDescriptor file) {
        filesBySymbol.put(message.getFullName(), file);
        message.getNestedTypes().forEach(nested -> index(nested, file));
        for (EnumDescriptor e : message.getEnumTypes()) {
            filesBySymbol.put(e.getFullName(), file);
        }
    }
}
